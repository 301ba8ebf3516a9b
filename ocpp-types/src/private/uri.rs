//! JSON Schema's `uri` format: an absolute URI as RFC 3986 (section 3)
//! writes it, `scheme ":" hier-part [ "?" query ] [ "#" fragment ]`. Checked
//! by its grammar, byte by byte: non-ASCII characters must be
//! percent-encoded (that is an IRI, format `iri`).

/// Whether `text` is an absolute URI.
pub fn is_uri(text: &str) -> bool {
    let b = text.as_bytes();
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return false;
    };
    let scheme = &b[..colon];
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return false;
    }
    let rest = &b[colon + 1..];
    // The fragment, then the query, split off at their first delimiters.
    let (rest, fragment) = split_at_first(rest, b'#');
    let (hier, query) = split_at_first(rest, b'?');
    if let Some(part) = fragment {
        if !all_of(part, |c| is_pchar(c) || c == b'/' || c == b'?') {
            return false;
        }
    }
    if let Some(part) = query {
        if !all_of(part, |c| is_pchar(c) || c == b'/' || c == b'?') {
            return false;
        }
    }
    match hier.strip_prefix(b"//") {
        // "//" authority path-abempty
        Some(after) => {
            let end = after.iter().position(|&c| c == b'/').unwrap_or(after.len());
            is_authority(&after[..end]) && is_path(&after[end..])
        }
        // path-absolute / path-rootless / path-empty: segments of pchars
        // (path-absolute can't start with "//", which is taken above).
        None => is_path(hier),
    }
}

fn split_at_first(b: &[u8], delimiter: u8) -> (&[u8], Option<&[u8]>) {
    match b.iter().position(|&c| c == delimiter) {
        Some(at) => (&b[..at], Some(&b[at + 1..])),
        None => (b, None),
    }
}

/// Every byte is `allowed`, or begins a `%XX` escape.
fn all_of(b: &[u8], allowed: impl Fn(u8) -> bool) -> bool {
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else if allowed(b[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn is_unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(c: u8) -> bool {
    matches!(
        c,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

fn is_pchar(c: u8) -> bool {
    is_unreserved(c) || is_sub_delim(c) || c == b':' || c == b'@'
}

/// Segments of pchars separated by "/".
fn is_path(b: &[u8]) -> bool {
    all_of(b, |c| is_pchar(c) || c == b'/')
}

/// `[ userinfo "@" ] host [ ":" port ]`.
fn is_authority(b: &[u8]) -> bool {
    let (userinfo, host_port) = match b.iter().rposition(|&c| c == b'@') {
        Some(at) => (Some(&b[..at]), &b[at + 1..]),
        None => (None, b),
    };
    if let Some(userinfo) = userinfo {
        if !all_of(userinfo, |c| {
            is_unreserved(c) || is_sub_delim(c) || c == b':'
        }) {
            return false;
        }
    }
    // An IP-literal is in brackets; a port follows the last ":" otherwise.
    let (host, port) = if host_port.first() == Some(&b'[') {
        let Some(close) = host_port.iter().position(|&c| c == b']') else {
            return false;
        };
        let (host, after) = host_port.split_at(close + 1);
        match after {
            [] => (host, None),
            [b':', port @ ..] => (host, Some(port)),
            _ => return false,
        }
    } else {
        match host_port.iter().rposition(|&c| c == b':') {
            Some(at) => (&host_port[..at], Some(&host_port[at + 1..])),
            None => (host_port, None),
        }
    };
    if let Some(port) = port {
        if !port.iter().all(u8::is_ascii_digit) {
            return false;
        }
    }
    match host {
        [b'[', literal @ .., b']'] => is_ip_literal(literal),
        // reg-name (which covers IPv4address too).
        _ => all_of(host, |c| is_unreserved(c) || is_sub_delim(c)),
    }
}

/// `IPv6address / IPvFuture`, inside the brackets.
fn is_ip_literal(b: &[u8]) -> bool {
    if let [b'v' | b'V', rest @ ..] = b {
        // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
        let dot = rest.iter().position(|&c| c == b'.');
        return match dot {
            Some(dot) if dot > 0 => {
                rest[..dot].iter().all(u8::is_ascii_hexdigit)
                    && rest.len() > dot + 1
                    && rest[dot + 1..]
                        .iter()
                        .all(|&c| is_unreserved(c) || is_sub_delim(c) || c == b':')
            }
            _ => false,
        };
    }
    std::str::from_utf8(b).is_ok_and(|text| text.parse::<std::net::Ipv6Addr>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::is_uri;

    #[test]
    fn absolute_uris_follow_rfc_3986() {
        for valid in [
            "https://example.com",
            "https://example.com/path/to?query=1&b=2#fragment",
            "ws://127.0.0.1:8080/ocpp/CP1",
            "wss://user:pass@csms.example.com:443/",
            "http://[::1]:9000/",
            "http://[2001:db8::7]/c=GB?objectClass?one",
            "http://[v1.fe80::a+en1]/",
            "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
            "mailto:John.Doe@example.com",
            "file:///etc/hosts",
            "ftp://ftp.is.co.za/rfc/rfc1808.txt",
            "tel:+1-816-555-1212",
            "a:",
            "http://example.com/%7Euser",
            "http://example.com/a%20b",
            "http://example.com:/",
        ] {
            assert!(is_uri(valid), "{valid}");
        }
        for invalid in [
            "",
            "example.com",
            "/relative/path",
            "//example.com/x",
            "1http://example.com",
            "ht tp://example.com",
            "http://exa mple.com",
            "http://example.com/a b",
            "http://example.com/%zz",
            "http://example.com/%2",
            "http://[::1/",
            "http://[zz]/",
            "http://example.com:80a/",
            "http://example.com/ü",
            "http://example.com/<>",
            "http://example.com/\"",
            "https://example.com/path#frag#ment",
            "http://[::1]x/",
        ] {
            assert!(!is_uri(invalid), "{invalid}");
        }
    }
}
