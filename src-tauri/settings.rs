//! User settings stored as JSON in the app's config folder, and the shop
//! defaults compiled into the build.
//!
//! The app token is not stored here: it lives in the OS keychain.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Follow the system locale: English for `en*`, Russian otherwise.
    #[default]
    System,
    Ru,
    En,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// What `settings.json` contains.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub language: Language,
    pub theme: Theme,
    /// The API address chosen in the settings screen; `None` uses the
    /// address the build was made with.
    pub base_url: Option<String>,
}

/// The shop a build is made for, from environment variables read at
/// compile time. A shop that distributes the app sets them so its customers
/// sign in with no configuration; a plain build has none and offers the demo.
#[derive(Debug, Clone)]
pub struct ShopDefaults {
    pub name: String,
    pub base_url: Option<String>,
    pub app_token: Option<String>,
    /// The shop's brand colour as `#rrggbb`, for buttons and links.
    pub accent_color: Option<String>,
    /// The DaData API key for address suggestions; without one the address
    /// field stays free text.
    pub suggestions_key: Option<String>,
    /// Where suggestions come from: DaData itself unless a shop runs a proxy.
    pub suggestions_url: String,
}

impl ShopDefaults {
    pub fn from_build_env() -> Self {
        let non_empty =
            |value: Option<&'static str>| value.filter(|v| !v.trim().is_empty()).map(str::to_owned);
        Self {
            name: non_empty(option_env!("GIGMA_SHOP_NAME"))
                .unwrap_or_else(|| "Gigma Profile".to_owned()),
            base_url: non_empty(option_env!("GIGMA_BASE_URL")),
            app_token: non_empty(option_env!("GIGMA_APP_TOKEN")),
            accent_color: non_empty(option_env!("GIGMA_ACCENT_COLOR"))
                .filter(|color| is_hex_color(color)),
            suggestions_key: non_empty(option_env!("GIGMA_DADATA_KEY")),
            suggestions_url: non_empty(option_env!("GIGMA_DADATA_URL"))
                .unwrap_or_else(|| gigma_api::suggestions::DADATA_ADDRESS_URL.to_owned()),
        }
    }

    /// No shop at all: only the demo works until the user sets one.
    pub fn none() -> Self {
        Self {
            name: "Gigma Profile".to_owned(),
            base_url: None,
            app_token: None,
            accent_color: None,
            suggestions_key: None,
            suggestions_url: gigma_api::suggestions::DADATA_ADDRESS_URL.to_owned(),
        }
    }
}

/// Whether `value` is a CSS colour of the form `#rrggbb`, the only form a
/// build accepts, so a typo cannot inject other CSS.
pub fn is_hex_color(value: &str) -> bool {
    value.len() == 7
        && value.starts_with('#')
        && value[1..].bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// Reads and writes `settings.json` in one folder.
#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join("settings.json"),
        }
    }

    /// Loads the settings; a missing file gives the defaults, and so does a
    /// damaged one, because a broken preferences file must not keep the app
    /// from starting. The damage is logged.
    pub fn load(&self) -> Settings {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Settings::default()
            }
            Err(error) => {
                tracing::warn!(path = %self.path.display(), %error, "could not read settings; using defaults");
                return Settings::default();
            }
        };
        serde_json::from_str(&text).unwrap_or_else(|error| {
            tracing::warn!(path = %self.path.display(), %error, "settings file is damaged; using defaults");
            Settings::default()
        })
    }

    /// Writes to a temporary file and renames it over the old one, so a
    /// crash mid-write never leaves half a file.
    pub fn save(&self, settings: &Settings) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string_pretty(settings).expect("settings always serialise");
        let temporary = self.path.with_extension("json.tmp");
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, &self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gigma-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn accent_color_must_be_hex() {
        assert!(is_hex_color("#2f6fde"));
        assert!(!is_hex_color("red"));
        assert!(!is_hex_color("#2f6fde; background: url(x)"));
        assert!(!is_hex_color("#2f6fdz"));
    }

    #[test]
    fn settings_round_trip() {
        let file = SettingsFile::in_dir(&temp_dir("round-trip"));
        let settings = Settings {
            language: Language::En,
            theme: Theme::Dark,
            base_url: Some("https://api.gigma.ru/api".to_owned()),
        };
        file.save(&settings).unwrap();
        assert_eq!(file.load(), settings);
    }

    #[test]
    fn missing_or_damaged_file_gives_defaults() {
        let dir = temp_dir("damaged");
        let file = SettingsFile::in_dir(&dir);
        assert_eq!(file.load(), Settings::default());

        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(file.path(), "{ not json").unwrap();
        assert_eq!(file.load(), Settings::default());
    }
}
