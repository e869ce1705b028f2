//! Shortened forms of personal data and secrets for log lines.
//!
//! Every log line that mentions a phone number, an e-mail address or a token
//! goes through one of these helpers, so the logs stay useful for support
//! ("which number was it?") without holding the data itself.

/// Keeps the first four and last two digits: `79999999990` becomes `7999*****90`.
pub fn phone(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - 6;
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(hidden))
}

/// Keeps the first character of the local part and the domain:
/// `support@itecho.ru` becomes `s***@itecho.ru`.
pub fn email(value: &str) -> String {
    match value.split_once('@') {
        Some((local, domain)) => {
            let first = local.chars().next().map(String::from).unwrap_or_default();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

/// Keeps only the Sanctum token id before `|`, which identifies the token on
/// the server but cannot be used to sign in: `12|abc…` becomes `12|***`.
pub fn token(value: &str) -> String {
    match value.split_once('|') {
        Some((id, _)) if id.chars().all(|c| c.is_ascii_digit()) => format!("{id}|***"),
        _ => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_keeps_head_and_tail() {
        assert_eq!(phone("79999999990"), "7999*****90");
        assert_eq!(phone("123"), "***");
    }

    #[test]
    fn email_keeps_first_letter_and_domain() {
        assert_eq!(email("support@itecho.ru"), "s***@itecho.ru");
        assert_eq!(email("no-at-sign"), "***");
    }

    #[test]
    fn token_keeps_only_the_id() {
        assert_eq!(token("12|secretsecret"), "12|***");
        assert_eq!(token("plain-secret"), "***");
        assert_eq!(token("ab|secret"), "***");
    }
}
