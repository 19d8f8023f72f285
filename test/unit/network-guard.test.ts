/**
 * The network guard's judgement of addresses: what the fetcher may connect to, with private networks
 * denied (the deployed stack) or allowed (the local runner), and link-local addresses never.
 */
import { describe, expect, it } from 'vitest';
import { ALLOW_PRIVATE, DENY_PRIVATE, embeddedIpv4, refusalOf } from '../../shared/fetch/network-guard.ts';

const PUBLIC = ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '151.101.1.69'];
const LINK_LOCAL = ['169.254.169.254', '169.254.0.1', 'fe80::1', 'fe80::a9fe:a9fe', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1'];
const PRIVATE = [
  '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.254',
  '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1', '::1', '::', 'fc00::1', 'fd12:3456::1', 'ff02::1',
  '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::', '198.18.0.1', '192.0.2.10',
];

describe('refusalOf', () => {
  it('allows public addresses under either policy', () => {
    for (const ip of PUBLIC) {
      expect(refusalOf(ip, DENY_PRIVATE), ip).toBeUndefined();
      expect(refusalOf(ip, ALLOW_PRIVATE), ip).toBeUndefined();
    }
  });

  it('always refuses link-local addresses (instance metadata), in every IPv6 disguise', () => {
    for (const ip of LINK_LOCAL) {
      expect(refusalOf(ip, DENY_PRIVATE), ip).toBe('a link-local address');
      expect(refusalOf(ip, ALLOW_PRIVATE), ip).toBe('a link-local address');
    }
  });

  it('refuses loopback, private, CGNAT, multicast, unspecified and reserved addresses unless private networks are allowed', () => {
    for (const ip of PRIVATE) {
      expect(refusalOf(ip, DENY_PRIVATE), ip).toBe('a private address');
      expect(refusalOf(ip, ALLOW_PRIVATE), ip).toBeUndefined();
    }
  });

  it('keeps the ranges tight: the neighbours of private ranges are public', () => {
    for (const ip of ['172.32.0.1', '172.15.255.255', '100.128.0.1', '100.63.255.255', '11.0.0.1', '169.253.255.255', '192.169.0.1', 'fe00::1', 'fec0::1']) {
      expect(refusalOf(ip, DENY_PRIVATE), ip).toBeUndefined();
    }
  });

  it('refuses what is not an address', () => {
    expect(refusalOf('localhost', ALLOW_PRIVATE)).toMatch(/not an IP address/);
  });
});

describe('embeddedIpv4', () => {
  it('reads the IPv4 address inside mapped, compatible, NAT64 and 6to4 IPv6 addresses', () => {
    expect(embeddedIpv4('::ffff:169.254.169.254')).toBe('169.254.169.254');
    expect(embeddedIpv4('::FFFF:A9FE:A9FE')).toBe('169.254.169.254');
    expect(embeddedIpv4('0:0:0:0:0:ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('64:ff9b::10.1.2.3')).toBe('10.1.2.3');
    expect(embeddedIpv4('2002:c0a8:101::1')).toBe('192.168.1.1');
    expect(embeddedIpv4('::1')).toBeUndefined();
    expect(embeddedIpv4('2606:4700::1111')).toBeUndefined();
    expect(embeddedIpv4('10.0.0.1')).toBeUndefined();
  });
});
