//! Which IP addresses an image fetch may reach: public ones, plus whatever the operator
//! allow-listed. Everything a client could use to reach the server's own network
//! (loopback, private, link-local cloud metadata, ...) is refused.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use super::FetchError;

#[derive(Debug, Clone, Default)]
pub struct AddrPolicy {
    allow: Vec<IpNet>,
}

impl AddrPolicy {
    pub fn new(allow: Vec<IpNet>) -> Self {
        Self { allow }
    }

    pub fn permits(&self, ip: IpAddr) -> bool {
        // An IPv4-mapped IPv6 address connects to its IPv4 address: judge it as that.
        let canonical = ip.to_canonical();
        let allowed = self.allow.iter().any(|net| net.contains(&ip) || net.contains(&canonical));
        allowed || !is_reserved(canonical)
    }

    /// `host` is what the URL named, for the error.
    pub fn check(&self, host: &str, ip: IpAddr) -> Result<(), FetchError> {
        if self.permits(ip) { Ok(()) } else { Err(FetchError::Blocked { host: host.to_owned(), addr: ip }) }
    }
}

/// Not a public unicast address (IANA special-purpose registries, RFC 6890 and successors).
pub fn is_reserved(ip: IpAddr) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(v4) => is_reserved_v4(v4),
        IpAddr::V6(v6) => is_reserved_v6(v6),
    }
}

const V4_RESERVED: &[([u8; 4], u8)] = &[
    ([0, 0, 0, 0], 8),       // "this network", unspecified
    ([10, 0, 0, 0], 8),      // private
    ([100, 64, 0, 0], 10),   // carrier-grade NAT
    ([127, 0, 0, 0], 8),     // loopback
    ([169, 254, 0, 0], 16),  // link-local, cloud metadata
    ([172, 16, 0, 0], 12),   // private
    ([192, 0, 0, 0], 24),    // IETF protocol assignments
    ([192, 0, 2, 0], 24),    // documentation
    ([192, 88, 99, 0], 24),  // 6to4 relay anycast
    ([192, 168, 0, 0], 16),  // private
    ([198, 18, 0, 0], 15),   // benchmarking
    ([198, 51, 100, 0], 24), // documentation
    ([203, 0, 113, 0], 24),  // documentation
    ([224, 0, 0, 0], 4),     // multicast
    ([240, 0, 0, 0], 4),     // reserved, broadcast
];

fn is_reserved_v4(ip: Ipv4Addr) -> bool {
    let ip = u32::from(ip);
    V4_RESERVED.iter().any(|&(net, len)| ip & (u32::MAX << (32 - len)) == u32::from_be_bytes(net))
}

/// Inside 2000::/3 (the only global unicast space allocated so far), these are not public.
const V6_RESERVED_IN_GLOBAL: &[([u16; 8], u8)] = &[
    ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23), // IETF protocol assignments (Teredo, benchmarking, ORCHID)
    ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32), // documentation
    ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20), // documentation
];

fn is_reserved_v6(ip: Ipv6Addr) -> bool {
    let bits = u128::from(ip);
    let within = |net: [u16; 8], len: u8| bits & (u128::MAX << (128 - len)) == u128::from(Ipv6Addr::from(net));
    // NAT64 and 6to4 carry an IPv4 address a gateway would forward to: judge that one.
    if within([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96) {
        return is_reserved_v4(Ipv4Addr::from(bits as u32));
    }
    if within([0x2002, 0, 0, 0, 0, 0, 0, 0], 16) {
        return is_reserved_v4(Ipv4Addr::from((bits >> 80) as u32));
    }
    // Outside 2000::/3 is loopback, unspecified, unique-local, link-local, multicast, or
    // special-purpose/unallocated: none of it is a public host.
    !within([0x2000, 0, 0, 0, 0, 0, 0, 0], 3) || V6_RESERVED_IN_GLOBAL.iter().any(|&(net, len)| within(net, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_table() {
        let cases: &[(&str, bool)] = &[
            // IPv4: edges of each range, and public neighbours.
            ("0.0.0.0", true),
            ("0.255.255.255", true),
            ("1.0.0.0", false),
            ("1.1.1.1", false),
            ("8.8.8.8", false),
            ("9.255.255.255", false),
            ("10.0.0.0", true),
            ("10.255.255.255", true),
            ("11.0.0.0", false),
            ("100.63.255.255", false),
            ("100.64.0.0", true),
            ("100.127.255.255", true),
            ("100.128.0.0", false),
            ("127.0.0.1", true),
            ("127.255.255.254", true),
            ("169.254.169.254", true),
            ("169.253.255.255", false),
            ("169.255.0.0", false),
            ("172.15.255.255", false),
            ("172.16.0.0", true),
            ("172.31.255.255", true),
            ("172.32.0.0", false),
            ("192.0.0.8", true),
            ("192.0.2.1", true),
            ("192.0.3.0", false),
            ("192.88.99.1", true),
            ("192.167.255.255", false),
            ("192.168.0.1", true),
            ("192.169.0.0", false),
            ("198.17.255.255", false),
            ("198.18.0.0", true),
            ("198.19.255.255", true),
            ("198.20.0.0", false),
            ("198.51.100.7", true),
            ("203.0.113.9", true),
            ("203.0.114.0", false),
            ("223.255.255.255", false),
            ("224.0.0.1", true),
            ("239.255.255.250", true),
            ("240.0.0.1", true),
            ("255.255.255.255", true),
            // IPv6.
            ("::", true),
            ("::1", true),
            ("::ffff:127.0.0.1", true),
            ("::ffff:10.0.0.1", true),
            ("::ffff:169.254.169.254", true),
            ("::ffff:8.8.8.8", false),
            ("::7f00:1", true),
            ("64:ff9b::a00:1", true),
            ("64:ff9b::808:808", false),
            ("64:ff9b:1::1", true),
            ("100::1", true),
            ("2001::1", true),
            ("2001:1ff:ffff::1", true),
            ("2001:200::1", false),
            ("2001:db8::1", true),
            ("2001:4860:4860::8888", false),
            ("2002:7f00:1::1", true),
            ("2002:a9fe:a9fe::1", true),
            ("2002:808:808::1", false),
            ("2606:4700:4700::1111", false),
            ("3fff::1", true),
            ("4000::1", true),
            ("fc00::1", true),
            ("fdff:ffff::1", true),
            ("fe80::1", true),
            ("febf::1", true),
            ("fec0::1", true),
            ("ff02::1", true),
        ];
        let wrong: Vec<_> =
            cases.iter().filter(|(ip, reserved)| is_reserved(ip.parse().unwrap()) != *reserved).collect();
        assert!(wrong.is_empty(), "misclassified (address, expected reserved): {wrong:?}");
    }

    #[test]
    fn allow_list_opens_only_its_ranges() {
        let policy = AddrPolicy::new(vec!["10.1.0.0/16".parse().unwrap(), "fd00::/64".parse().unwrap()]);
        let permits = |s: &str| policy.permits(s.parse().unwrap());
        assert!(permits("10.1.2.3"));
        assert!(permits("::ffff:10.1.2.3"), "mapped form of an allowed address");
        assert!(!permits("10.2.0.1"));
        assert!(!permits("127.0.0.1"));
        assert!(permits("fd00::5"));
        assert!(!permits("fd00:0:0:1::5"));
        assert!(permits("93.184.215.14"), "public stays allowed");
        assert!(!AddrPolicy::default().permits("10.1.2.3".parse().unwrap()));
    }

    #[test]
    fn blocked_message_names_literals_but_not_resolved_addresses() {
        let policy = AddrPolicy::default();
        let literal = policy.check("127.0.0.1", "127.0.0.1".parse().unwrap()).unwrap_err();
        assert_eq!(literal.to_string(), "refused: 127.0.0.1 is a private, loopback or reserved address");
        let v6 = policy.check("[::1]", "::1".parse().unwrap()).unwrap_err();
        assert!(v6.to_string().contains("::1 is a private"), "{v6}");
        let named = policy.check("intranet.example", "10.9.8.7".parse().unwrap()).unwrap_err();
        assert!(!named.to_string().contains("10.9.8.7"), "{named}");
        assert!(named.to_string().contains("intranet.example"), "{named}");
        assert_eq!(named.code(), "image_url_blocked");
    }
}
