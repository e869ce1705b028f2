//! Russian phone numbers in the API's form: 11 digits starting with 7.

use std::fmt;

/// A phone number as the API expects it: `79999999990`, with no `+`,
/// spaces or brackets.
#[derive(Clone, PartialEq, Eq)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error(
        "a phone number must have 11 digits starting with 7 (or 10 after +7), got {digits} digits"
    )]
    WrongLength { digits: usize },
    #[error("a Russian phone number starts with 7 or 8")]
    WrongCountry,
}

impl Phone {
    /// Normalises what a person typed: `+7 (999) 999-99-90`, `8 999 999 99 90`
    /// and `9999999990` all become `79999999990`.
    ///
    /// Everything but digits is dropped first, because the sign-in field shows
    /// a mask and people paste numbers in any format.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();

        let national = match digits.len() {
            10 => digits.as_str(),
            11 => match digits.as_bytes()[0] {
                b'7' | b'8' => &digits[1..],
                _ => return Err(PhoneError::WrongCountry),
            },
            count => return Err(PhoneError::WrongLength { digits: count }),
        };

        Ok(Self(format!("7{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", crate::redact::phone(&self.0))
    }
}

impl fmt::Display for Phone {
    /// Shows the redacted form, because `Display` is what ends up in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::redact::phone(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_common_formats() {
        for input in [
            "+7 (999) 999-99-90",
            "8 999 999 99 90",
            "9999999990",
            "79999999990",
        ] {
            assert_eq!(
                Phone::parse(input).unwrap().as_str(),
                "79999999990",
                "input {input:?}"
            );
        }
    }

    #[test]
    fn parse_rejects_short_and_foreign_numbers() {
        assert_eq!(
            Phone::parse("+7 999"),
            Err(PhoneError::WrongLength { digits: 4 })
        );
        assert_eq!(Phone::parse("19999999990"), Err(PhoneError::WrongCountry));
        assert_eq!(Phone::parse(""), Err(PhoneError::WrongLength { digits: 0 }));
    }

    #[test]
    fn display_and_debug_are_redacted() {
        let phone = Phone::parse("79999999990").unwrap();
        assert_eq!(phone.to_string(), "7999*****90");
        assert!(!format!("{phone:?}").contains("79999999990"));
    }
}
