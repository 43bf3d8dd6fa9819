import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyAddress } from './classify-address.js';

test('public IPv4 and IPv6 addresses are allowed', () => {
  for (const address of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
    assert.equal(classifyAddress(address), null, address);
  }
});

test('IPv4 loopback, private, link-local, CGNAT, this-network, multicast and reserved ranges are refused', () => {
  const cases: [string, RegExp][] = [
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.255', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['0.1.2.3', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /reserved/],
    ['198.18.0.1', /reserved/],
  ];
  for (const [address, reason] of cases) assert.match(classifyAddress(address) ?? 'allowed', reason, address);
});

test('IPv6 loopback, unspecified, link-local, unique-local and multicast are refused', () => {
  const cases: [string, RegExp][] = [
    ['::1', /loopback/],
    ['[::1]', /loopback/],
    ['0:0:0:0:0:0:0:1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['febf::1', /link-local/],
    ['fc00::1', /unique-local/],
    ['fd12:3456:789a::1', /unique-local/],
    ['ff02::1', /multicast/],
  ];
  for (const [address, reason] of cases) assert.match(classifyAddress(address) ?? 'allowed', reason, address);
});

test('IPv4 ranges reached through IPv6 (mapped, compatible, NAT64, 6to4) are refused', () => {
  const cases: [string, RegExp][] = [
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:7f00:1', /loopback/],
    ['::ffff:10.0.0.1', /private/],
    ['::ffff:169.254.169.254', /link-local/],
    ['::ffff:a9fe:a9fe', /link-local/],
    ['::127.0.0.1', /loopback/],
    ['64:ff9b::192.168.0.1', /private/],
    ['2002:7f00:0001::', /loopback/],
    ['2002:0a00:0001::1', /private/],
  ];
  for (const [address, reason] of cases) assert.match(classifyAddress(address) ?? 'allowed', reason, address);
});

test('a string that is not an IP address is refused', () => {
  assert.equal(classifyAddress('example.com'), 'not an IP address');
  assert.equal(classifyAddress('999.1.1.1'), 'not an IP address');
});
