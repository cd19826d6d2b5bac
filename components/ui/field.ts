/**
 * The one look of text inputs, text areas and selects; add `w-full` where a field spans its column.
 * `max-w-full`: a select is as wide as its longest option, which can be wider than a phone's card.
 */
export const FIELD_CLASSES = 'mt-1 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';
