// Stands in for optional payment (x402) modules that RainbowKit's Base Account connector reaches
// through @coinbase/cdp-sdk but never loads for us; they are not installed, and without this alias
// the production build fails to resolve them.
module.exports = {};
