//! Stores (Akbank terminals): list, add, edit. The secret key is write-only: it can be set or
//! replaced, never read back (`hasSecretKey` says whether one is set).

use secrecy::SecretString;
use serde::Deserialize;
use specta::Type;
use tahsildar_core::store::{self, Store, StoreSettings};
use tahsildar_core::{Environment, Text};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Settings to apply; `null` keeps the current value. An empty `baseUrl` returns to the
/// environment's default host; `secretKey` replaces the key.
#[derive(Default, Deserialize, Type)]
#[serde(default)]
pub struct StoreInput {
    pub name: Option<String>,
    pub environment: Option<Environment>,
    pub base_url: Option<String>,
    pub merchant_safe_id: Option<String>,
    pub terminal_safe_id: Option<String>,
    pub secret_key: Option<String>,
    pub concurrency: Option<u32>,
    pub rate_per_sec: Option<u32>,
    pub run_time: Option<String>,
    pub max_installments: Option<u32>,
    /// Days after a soft decline on which the card is tried again, as typed (`1, 3, 7`).
    pub soft_retry_days: Option<String>,
    pub enabled: Option<bool>,
}

impl std::fmt::Debug for StoreInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreInput")
            .field("name", &self.name)
            .field("environment", &self.environment)
            .field(
                "secret_key",
                &self.secret_key.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

fn trimmed(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string())
}

impl StoreInput {
    /// The settings to save; a retry schedule that is not day numbers is refused here.
    fn into_settings(self) -> tahsildar_core::Result<StoreSettings> {
        Ok(StoreSettings {
            name: trimmed(self.name),
            environment: self.environment,
            base_url: trimmed(self.base_url).map(|url| Some(url).filter(|u| !u.is_empty())),
            merchant_safe_id: trimmed(self.merchant_safe_id),
            terminal_safe_id: trimmed(self.terminal_safe_id),
            secret_key: self
                .secret_key
                .filter(|k| !k.is_empty())
                .map(SecretString::from),
            concurrency: self.concurrency,
            rate_per_sec: self.rate_per_sec,
            run_time: trimmed(self.run_time),
            max_installments: self.max_installments,
            soft_retry_days: self
                .soft_retry_days
                .as_deref()
                .map(store::parse_retry_days)
                .transpose()?,
            enabled: self.enabled,
        })
    }
}

/// The stores the user holds any permission on (the pickers filter them by the permission
/// their screen needs).
#[tauri::command]
#[specta::specta]
pub async fn list_stores(state: State<'_, AppState>) -> Result<Vec<Store>, CommandError> {
    state.blocking(|s| Ok(store::list(&s.session()?)?)).await
}

/// Adds a store (needs `manage_stores` on every store). A test or live store needs its three
/// credentials before it can send anything; a sandbox store gets the simulator's by itself.
#[tauri::command]
#[specta::specta]
pub async fn create_store(
    state: State<'_, AppState>,
    input: StoreInput,
) -> Result<Store, CommandError> {
    state
        .blocking(move |s| {
            let session = s.session()?;
            let name = input.name.clone().unwrap_or_default();
            let environment = input.environment.ok_or_else(|| {
                tahsildar_core::Error::invalid(
                    "environment",
                    Text::new(
                        "Ortamı seçin: sandbox, test ya da canlı.",
                        "Choose the environment: sandbox, test or live.",
                    ),
                )
            })?;
            let mut settings = input.into_settings()?;
            settings.name = None;
            settings.environment = None;
            Ok(store::create(
                &session,
                name.trim(),
                environment,
                &settings,
            )?)
        })
        .await
}

/// Changes a store's settings (needs `manage_stores` on it).
#[tauri::command]
#[specta::specta]
pub async fn update_store(
    state: State<'_, AppState>,
    id: i64,
    input: StoreInput,
) -> Result<Store, CommandError> {
    state
        .blocking(move |s| Ok(store::update(&s.session()?, id, &input.into_settings()?)?))
        .await
}

#[cfg(test)]
#[path = "stores_tests.rs"]
mod picker_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_maps_to_settings_trimming_and_clearing_the_host() {
        let input = StoreInput {
            name: Some("  Site A  ".into()),
            base_url: Some("  ".into()),
            secret_key: Some(String::new()),
            run_time: Some(" 09:30".into()),
            ..StoreInput::default()
        };
        let settings = input.into_settings().unwrap();
        assert_eq!(settings.name.as_deref(), Some("Site A"));
        assert_eq!(
            settings.base_url,
            Some(None),
            "an empty host returns to the default"
        );
        assert!(
            settings.secret_key.is_none(),
            "an empty key keeps the current one"
        );
        assert_eq!(settings.run_time.as_deref(), Some("09:30"));
        assert!(settings.environment.is_none());
    }

    #[test]
    fn a_retry_schedule_is_read_as_typed_and_refused_when_it_is_not_days() {
        let typed = |days: &str| {
            StoreInput {
                soft_retry_days: Some(days.into()),
                ..StoreInput::default()
            }
            .into_settings()
        };
        let read = typed(" 2, 5 ,9").unwrap().soft_retry_days.unwrap();
        assert_eq!(read.soft_retry_days, vec![2, 5, 9]);
        let Err(refused) = typed("2, beş") else {
            panic!("a schedule that is not days is refused");
        };
        assert!(
            refused
                .message(tahsildar_core::Lang::Tr)
                .contains("Yeniden deneme günleri virgülle ayrılmış gün sayıları olmalı"),
            "{refused:?}"
        );
        assert!(
            refused
                .message(tahsildar_core::Lang::En)
                .contains("The retry days must be day numbers separated by commas"),
            "{refused:?}"
        );
    }

    #[test]
    fn the_secret_key_never_shows_in_debug_output() {
        let input = StoreInput {
            secret_key: Some("gizli-anahtar-degeri".into()),
            ..StoreInput::default()
        };
        let text = format!("{input:?}");
        assert!(!text.contains("gizli"), "{text}");
        assert!(text.contains("<redacted>"));
    }
}
