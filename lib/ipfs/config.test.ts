import { describe, expect, it } from 'vitest';
import { DEFAULT_IPFS_API_URL, IpfsConfigError, ipfsApiAuthorization, ipfsApiUrl } from './config';

describe('ipfsApiUrl', () => {
  it('defaults to the local Kubo RPC address', () => {
    expect(ipfsApiUrl({})).toBe(DEFAULT_IPFS_API_URL);
    expect(ipfsApiUrl({ IPFS_API_URL: '  ' })).toBe(DEFAULT_IPFS_API_URL);
  });

  it('accepts http(s) URLs, keeping a custom API path and dropping trailing slashes', () => {
    expect(ipfsApiUrl({ IPFS_API_URL: 'http://127.0.0.1:5001/' })).toBe('http://127.0.0.1:5001');
    expect(ipfsApiUrl({ IPFS_API_URL: 'https://pin.example.com/kubo/api/v0/' })).toBe('https://pin.example.com/kubo/api/v0');
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://127.0.0.1:5001', /http:\/\/ or https:\/\//],
    ['http://user:secret@127.0.0.1:5001', /IPFS_API_AUTHORIZATION/],
    ['http://127.0.0.1:5001/?x=1', /query string/],
  ])('refuses %s with a clear IpfsConfigError', (value, message) => {
    expect(() => ipfsApiUrl({ IPFS_API_URL: value })).toThrow(IpfsConfigError);
    expect(() => ipfsApiUrl({ IPFS_API_URL: value })).toThrow(message);
  });

  it('never echoes the configured value (it may hold a secret)', () => {
    expect(() => ipfsApiUrl({ IPFS_API_URL: 'http://user:hunter2@host' })).not.toThrow(/hunter2/);
  });
});

describe('ipfsApiAuthorization', () => {
  it('is optional', () => {
    expect(ipfsApiAuthorization({})).toBeUndefined();
    expect(ipfsApiAuthorization({ IPFS_API_AUTHORIZATION: 'Bearer abc' })).toBe('Bearer abc');
  });
});
