//! What the handshake carries about who connects: the charge point's id in
//! the URL's path, and HTTP Basic credentials (OCPP security profiles 1
//! and 2).

use data_encoding::BASE64;

/// The most characters a charge point's id may have (OCPP 2.x's
/// identity; 1.6's `chargeBoxIdentity` has the same bound).
pub(crate) const MAX_ID_CHARS: usize = 48;

/// The charge point's id in a URL's `path`: its last segment,
/// percent-decoded; `None` when it is empty, longer than
/// [`MAX_ID_CHARS`], not UTF-8 once decoded, or has a control character or
/// a `/` in it.
pub(crate) fn charge_point_of(path: &str) -> Option<String> {
    let segment = path.rsplit('/').next()?;
    let mut bytes = Vec::with_capacity(segment.len());
    let mut rest = segment.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = tail.get(..2)?;
            let hex = std::str::from_utf8(hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    let id = String::from_utf8(bytes).ok()?;
    let fits = (1..=MAX_ID_CHARS).contains(&id.chars().count());
    let clean = !id.chars().any(|c| c.is_control() || c == '/');
    (fits && clean).then_some(id)
}

/// The user and password of an `Authorization: Basic <base64>` header's
/// value; `None` when it is not that.
pub(crate) fn basic(header: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let scheme = header.get(..6)?;
    if !scheme.eq_ignore_ascii_case(b"basic ") {
        return None;
    }
    let encoded = header[6..].trim_ascii();
    let decoded = BASE64.decode(encoded).ok()?;
    let colon = decoded.iter().position(|&byte| byte == b':')?;
    Some((decoded[..colon].to_vec(), decoded[colon + 1..].to_vec()))
}

/// The value of the `Authorization` header that authenticates
/// `charge_point` with `password`.
pub(crate) fn basic_header(charge_point: &str, password: &[u8]) -> String {
    let mut credentials = charge_point.as_bytes().to_vec();
    credentials.push(b':');
    credentials.extend_from_slice(password);
    format!("Basic {}", BASE64.encode(&credentials))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_the_paths_last_segment_decoded() {
        assert_eq!(charge_point_of("/ocpp/CP001").as_deref(), Some("CP001"));
        assert_eq!(charge_point_of("/CP%20001").as_deref(), Some("CP 001"));
        assert_eq!(charge_point_of("/caf%C3%A9").as_deref(), Some("café"));
        for refused in [
            "/", "/ocpp/", "", "/a%2Fb", "/a%0Ab", "/%FF", "/a%2", "/a%zz",
        ] {
            assert_eq!(charge_point_of(refused), None, "{refused}");
        }
        assert!(charge_point_of(&format!("/{}", "x".repeat(48))).is_some());
        assert!(charge_point_of(&format!("/{}", "x".repeat(49))).is_none());
    }

    #[test]
    fn basic_credentials_round_trip() {
        let header = basic_header("CP001", b"s3cr3t:with colon");
        assert_eq!(header, "Basic Q1AwMDE6czNjcjN0OndpdGggY29sb24=");
        let (user, password) = basic(header.as_bytes()).unwrap();
        assert_eq!(
            (&user[..], &password[..]),
            (&b"CP001"[..], &b"s3cr3t:with colon"[..])
        );
        assert_eq!(basic(b"bAsIc Q1AwMDE6cHc=").unwrap().1, b"pw");
        for refused in [
            &b"Bearer abc"[..],
            b"Basic !!!",
            b"Basic Q1AwMDE=",
            b"Basic",
        ] {
            assert_eq!(basic(refused), None);
        }
    }
}
