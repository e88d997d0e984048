//! An HTTP/1.x answer (the bytes read, possibly cut short) to an [`HttpSeen`].

use super::observe::HttpSeen;
use super::{bounded_text, MAX_FIELD_CHARS};

/// Most bytes of an answer read (head and body together).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024;
/// Most header lines read.
const MAX_HEADERS: usize = 64;

/// An answer that is not HTTP.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The bytes end before the head does.
    #[error("HTTP answer cut short before the end of its headers")]
    Incomplete,
    /// The bytes are not an HTTP answer.
    #[error("not an HTTP answer: {0}")]
    Invalid(String),
}

/// The request koseizu sends: `GET path` with only a Host header, asking the server to close.
pub fn request(host: &str, path: &str) -> Vec<u8> {
    format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: koseizu-identify\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
    )
    .into_bytes()
}

/// The first request on a connection: the same without `Connection:
/// close`, so that the one redirect can follow on the same connection.
pub fn first_request(host: &str, path: &str) -> Vec<u8> {
    format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: koseizu-identify\r\nAccept: text/html\r\n\r\n"
    )
    .into_bytes()
}

/// Where an answer ends, as far as the bytes read so far tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Not all of it yet (or it ends when the server closes).
    More,
    /// All of it; `reusable` if the server keeps the connection open for
    /// a second request (HTTP/1.1, no `Connection: close`, framed by
    /// `Content-Length` or chunks).
    Done {
        /// Another request may follow on this connection.
        reusable: bool,
    },
}

/// Where the answer in `bytes` ends: [`Framing::Done`] once its head and
/// body are all there, or once it can be seen that it never will be
/// (not HTTP, too long, delimited by the server's close and already cut).
pub fn framing(bytes: &[u8]) -> Framing {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut resp = httparse::Response::new(&mut headers);
    let body_at = match resp.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) if bytes.len() < MAX_RESPONSE_BYTES => return Framing::More,
        _ => return Framing::Done { reusable: false },
    };
    let has = |name: &str, word: &str| {
        resp.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case(name) && contains_ignore_case(h.value, word.as_bytes())
        })
    };
    let keep = resp.version == Some(1) && !has("connection", "close");
    let code = resp.code.unwrap_or(0);
    if code == 204 || code == 304 || (100..200).contains(&code) {
        return Framing::Done { reusable: keep };
    }
    let body = &bytes[body_at..];
    if has("transfer-encoding", "chunked") {
        let last = body.starts_with(b"0\r\n\r\n")
            || memchr::memmem::find(body, b"\r\n0\r\n\r\n").is_some();
        return if last {
            Framing::Done { reusable: keep }
        } else {
            Framing::More
        };
    }
    let length = resp
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| {
            std::str::from_utf8(h.value)
                .ok()?
                .trim()
                .parse::<usize>()
                .ok()
        });
    match length {
        Some(n) if body.len() >= n => Framing::Done { reusable: keep },
        _ => Framing::More,
    }
}

/// Reads an answer on `port` to `GET path`: status, a few headers, the
/// title, whether the page asks for a password, and which of `markers`
/// (the signature table's login-page strings) it contains.
pub fn parse(
    port: u16,
    tls: bool,
    path: &str,
    bytes: &[u8],
    markers: &[&str],
) -> Result<HttpSeen, HttpError> {
    let bytes = &bytes[..bytes.len().min(MAX_RESPONSE_BYTES)];
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut resp = httparse::Response::new(&mut headers);
    let body_at = match resp.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err(HttpError::Incomplete),
        Err(e) => return Err(HttpError::Invalid(e.to_string())),
    };
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| bounded_text(h.value, MAX_FIELD_CHARS))
    };
    let body = &bytes[body_at..];
    let found = markers
        .iter()
        .filter(|m| !m.is_empty() && contains_ignore_case(body, m.as_bytes()))
        .map(|m| m.to_string())
        .collect();
    Ok(HttpSeen {
        port,
        tls,
        path: bounded_text(path.as_bytes(), MAX_FIELD_CHARS),
        status: resp.code.unwrap_or(0),
        server: header("server"),
        etag: header("etag"),
        realm: header("www-authenticate"),
        location: header("location"),
        title: title(body),
        markers: found,
        login_form: contains_ignore_case(body, b"type=\"password\"")
            || contains_ignore_case(body, b"type='password'")
            || contains_ignore_case(body, b"type=password"),
    })
}

/// The text of the first `<title>` element, bounded and cleaned.
pub fn title(body: &[u8]) -> Option<String> {
    let start = find_ignore_case(body, b"<title")?;
    let open_end = start + memchr::memchr(b'>', &body[start..])? + 1;
    let rest = &body[open_end..];
    let end = find_ignore_case(rest, b"</title").unwrap_or(rest.len());
    let t = bounded_text(&rest[..end], MAX_FIELD_CHARS);
    (!t.is_empty()).then_some(t)
}

/// The path of a redirect that stays on the same host (`/remote/login`,
/// or an absolute URL whose host is `host` or `host:port`), at most 200
/// bytes of printable ASCII; `None` for any other target.
pub fn same_host_redirect(seen: &HttpSeen, host: &str, port: u16) -> Option<String> {
    if !(300..400).contains(&seen.status) {
        return None;
    }
    let loc = seen.location.as_deref()?.trim();
    let path = if loc.starts_with('/') && !loc.starts_with("//") {
        loc.to_string()
    } else {
        let rest = loc
            .strip_prefix("https://")
            .or_else(|| loc.strip_prefix("http://"))?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let same = authority == host || authority == format!("{host}:{port}");
        if !same {
            return None;
        }
        path.to_string()
    };
    let ok = path.len() <= 200 && path.bytes().all(|b| (0x21..0x7f).contains(&b));
    (ok && path != seen.path).then_some(path)
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    find_ignore_case(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORTI: &[u8] = b"HTTP/1.1 200 OK\r\nServer: xxxxxxxx-xxxxx\r\nETag: \"5f1a-2b-4a7c\"\r\nContent-Type: text/html\r\n\r\n<html><head><TITLE>\n Please Login </title></head><body><form action=\"/remote/logincheck\"><input type=\"password\" name=\"credential\"></form></body></html>";

    #[test]
    fn reads_status_headers_title_and_markers() {
        let s = parse(
            10443,
            true,
            "/remote/login",
            FORTI,
            &["/remote/logincheck", "dana-na"],
        )
        .unwrap();
        assert_eq!(s.status, 200);
        assert_eq!(s.server.as_deref(), Some("xxxxxxxx-xxxxx"));
        assert_eq!(s.etag.as_deref(), Some("\"5f1a-2b-4a7c\""));
        assert_eq!(s.title.as_deref(), Some("Please Login"));
        assert_eq!(s.markers, vec!["/remote/logincheck".to_string()]);
        assert!(s.login_form);
    }

    #[test]
    fn redirects_only_on_the_same_host() {
        let mut s = HttpSeen {
            status: 302,
            path: "/".into(),
            location: Some("/remote/login?lang=en".into()),
            ..HttpSeen::default()
        };
        assert_eq!(
            same_host_redirect(&s, "198.18.0.1", 443).as_deref(),
            Some("/remote/login?lang=en")
        );
        s.location = Some("https://198.18.0.1:443/x".into());
        assert_eq!(
            same_host_redirect(&s, "198.18.0.1", 443).as_deref(),
            Some("/x")
        );
        for other in [
            "https://evil.example/x",
            "//evil.example/x",
            "https://198.18.0.1.evil/x",
            "/a b",
            "/",
        ] {
            s.location = Some(other.into());
            assert_eq!(same_host_redirect(&s, "198.18.0.1", 443), None, "{other}");
        }
        s.status = 200;
        s.location = Some("/x".into());
        assert_eq!(same_host_redirect(&s, "198.18.0.1", 443), None);
    }

    #[test]
    fn hostile_and_malformed_answers() {
        // A control character in a header is refused by the parser: an error, not a panic.
        assert!(parse(
            80,
            false,
            "/",
            b"HTTP/1.1 200 OK\r\nServer: a\x1b[2Jb\r\n\r\n",
            &[]
        )
        .is_err());
        let mut page = "HTTP/1.1 200 OK\r\nServer: a\u{202e}b".as_bytes().to_vec();
        page.extend_from_slice(b"\xff\r\n\r\n<title>");
        page.extend(std::iter::repeat(b'A').take(65_536));
        let s = parse(80, false, "/", &page, &[]).unwrap();
        assert!(s.title.unwrap().chars().count() <= MAX_FIELD_CHARS + 1);
        assert_eq!(s.server.as_deref(), Some("ab\u{fffd}"));
        let bidi = "HTTP/1.1 200 OK\r\n\r\n<title>\u{202e}<script>x</script></title>";
        let t = parse(80, false, "/", bidi.as_bytes(), &[])
            .unwrap()
            .title
            .unwrap();
        assert!(!t.contains('\u{202e}'));
        assert!(matches!(
            parse(80, false, "/", b"HTTP/1.1 200 OK\r\nServer", &[]),
            Err(HttpError::Incomplete)
        ));
        assert!(parse(80, false, "/", b"\x16\x03\x01\x00", &[]).is_err());
        assert!(parse(80, false, "/", b"", &[]).is_err());
        assert_eq!(title(b"<title"), None);
        assert_eq!(title(b"<title>  </title>"), None);
    }

    #[test]
    fn the_request_is_exactly_documented() {
        assert_eq!(
            request("198.18.0.1", "/"),
            b"GET / HTTP/1.1\r\nHost: 198.18.0.1\r\nUser-Agent: koseizu-identify\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
        );
    }
}
