//! What the tray menu says and offers, as plain data: the scheduler's state line, pause or
//! resume, run now, open, quit, each with its label in the UI language and whether it can be
//! chosen now.

use tahsildar_core::Lang;

/// The scheduler as the tray sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchedulerState {
    /// No vault is open (not set up yet, or locked): nothing runs.
    Closed,
    /// The vault is open but the engine could not start (e.g. the command line holds it).
    Stopped,
    /// Waiting for the next run time ("27.11.2026 02:00"), if a store is enabled.
    Waiting { next_run: Option<String> },
    /// Paused by an operator: no run starts until it is resumed.
    Paused,
    /// A run is going on.
    Collecting { done: u64, queued: u64 },
}

/// Everything the menu depends on: it is rebuilt only when this changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayState {
    pub scheduler: SchedulerState,
    /// Someone is signed in (and not idle past the time-out): pause, resume and run now need a
    /// user, whose permission is checked when they are chosen.
    pub signed_in: bool,
}

/// What choosing a menu item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The state line: shown, never chosen.
    State,
    Pause,
    Resume,
    RunNow,
    Open,
    Quit,
}

impl Action {
    /// The menu item's id.
    pub fn id(self) -> &'static str {
        match self {
            Action::State => "state",
            Action::Pause => "pause",
            Action::Resume => "resume",
            Action::RunNow => "run_now",
            Action::Open => "show",
            Action::Quit => "quit",
        }
    }

    pub fn from_id(id: &str) -> Option<Action> {
        [
            Action::State,
            Action::Pause,
            Action::Resume,
            Action::RunNow,
            Action::Open,
            Action::Quit,
        ]
        .into_iter()
        .find(|a| a.id() == id)
    }
}

/// One item of the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub action: Action,
    pub label: String,
    pub enabled: bool,
}

/// The scheduler's state line, e.g. "Zamanlayıcı: çalışıyor — sonraki tahsilat 27.11.2026
/// 02:00"; when nobody is signed in it says that this is why pause and run now are off.
pub fn state_line(state: &TrayState, lang: Lang) -> String {
    let what = match &state.scheduler {
        SchedulerState::Closed => {
            lang.pick("kilitli (kasa açılmadı)", "locked (the vault is not open)")
        }
        SchedulerState::Stopped => lang.pick(
            "durdu (motor başlatılamadı)",
            "stopped (the engine could not start)",
        ),
        SchedulerState::Waiting { next_run: Some(at) } => lang.pick(
            format!("çalışıyor — sonraki tahsilat {at}"),
            format!("running — next run {at}"),
        ),
        SchedulerState::Waiting { next_run: None } => {
            lang.pick("çalışıyor — etkin mağaza yok", "running — no store enabled")
        }
        SchedulerState::Paused => lang.pick("duraklatıldı", "paused"),
        SchedulerState::Collecting { done, queued } => lang.pick(
            format!("tahsilat sürüyor ({done}/{queued})"),
            format!("collecting ({done}/{queued})"),
        ),
    };
    let opened = !matches!(state.scheduler, SchedulerState::Closed);
    let why = if opened && !state.signed_in {
        lang.pick(" — kilitli (oturum açılmadı)", " — locked (not signed in)")
    } else {
        String::new()
    };
    format!("{}: {what}{why}", lang.pick("Zamanlayıcı", "Scheduler"))
}

/// The menu's items, top to bottom, for `state` in `lang`.
pub fn items(state: &TrayState, lang: Lang) -> Vec<Item> {
    let engine = !matches!(
        state.scheduler,
        SchedulerState::Closed | SchedulerState::Stopped
    );
    let may_act = engine && state.signed_in;
    let collecting = matches!(state.scheduler, SchedulerState::Collecting { .. });
    let pause_or_resume = if state.scheduler == SchedulerState::Paused {
        Item {
            action: Action::Resume,
            label: lang.pick("Sürdür", "Resume"),
            enabled: may_act,
        }
    } else {
        Item {
            action: Action::Pause,
            label: lang.pick("Duraklat", "Pause"),
            enabled: may_act,
        }
    };
    vec![
        Item {
            action: Action::State,
            label: state_line(state, lang),
            enabled: false,
        },
        pause_or_resume,
        Item {
            action: Action::RunNow,
            label: lang.pick("Şimdi çalıştır", "Run now"),
            enabled: may_act && !collecting,
        },
        Item {
            action: Action::Open,
            label: lang.pick("Tahsildar'ı aç", "Open Tahsildar"),
            enabled: true,
        },
        Item {
            action: Action::Quit,
            label: lang.pick("Çıkış (zamanlayıcı durur)", "Quit (the scheduler stops)"),
            enabled: true,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(scheduler: SchedulerState, signed_in: bool) -> TrayState {
        TrayState {
            scheduler,
            signed_in,
        }
    }

    fn waiting() -> SchedulerState {
        SchedulerState::Waiting {
            next_run: Some("28.11.2026 02:00".to_string()),
        }
    }

    /// (action, enabled) of every item.
    fn shape(items: &[Item]) -> Vec<(Action, bool)> {
        items.iter().map(|i| (i.action, i.enabled)).collect()
    }

    #[test]
    fn a_running_scheduler_offers_pause_and_run_now_to_a_signed_in_user() {
        let items = items(&state(waiting(), true), Lang::Tr);
        assert_eq!(
            shape(&items),
            [
                (Action::State, false),
                (Action::Pause, true),
                (Action::RunNow, true),
                (Action::Open, true),
                (Action::Quit, true),
            ]
        );
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Zamanlayıcı: çalışıyor — sonraki tahsilat 28.11.2026 02:00",
                "Duraklat",
                "Şimdi çalıştır",
                "Tahsildar'ı aç",
                "Çıkış (zamanlayıcı durur)",
            ]
        );
        let labels: Vec<String> = super::items(&state(waiting(), true), Lang::En)
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(
            labels,
            [
                "Scheduler: running — next run 28.11.2026 02:00",
                "Pause",
                "Run now",
                "Open Tahsildar",
                "Quit (the scheduler stops)",
            ]
        );
    }

    #[test]
    fn a_paused_scheduler_offers_resume() {
        let items = items(&state(SchedulerState::Paused, true), Lang::En);
        assert_eq!(items[0].label, "Scheduler: paused");
        assert_eq!((items[1].action, items[1].enabled), (Action::Resume, true));
        assert_eq!(items[1].label, "Resume");
        let items = super::items(&state(SchedulerState::Paused, true), Lang::Tr);
        assert_eq!(items[0].label, "Zamanlayıcı: duraklatıldı");
        assert_eq!(items[1].label, "Sürdür");
    }

    #[test]
    fn while_collecting_the_count_shows_and_run_now_waits() {
        let collecting = SchedulerState::Collecting { done: 2, queued: 5 };
        let items = items(&state(collecting.clone(), true), Lang::Tr);
        assert_eq!(items[0].label, "Zamanlayıcı: tahsilat sürüyor (2/5)");
        assert_eq!(
            shape(&items)[1..3],
            [(Action::Pause, true), (Action::RunNow, false)]
        );
        let items = super::items(&state(collecting, true), Lang::En);
        assert_eq!(items[0].label, "Scheduler: collecting (2/5)");
    }

    #[test]
    fn without_a_signed_in_user_pause_and_run_now_are_off_and_the_state_says_why() {
        let items = items(&state(waiting(), false), Lang::Tr);
        assert_eq!(
            items[0].label,
            "Zamanlayıcı: çalışıyor — sonraki tahsilat 28.11.2026 02:00 — kilitli (oturum açılmadı)"
        );
        assert_eq!(
            shape(&items)[1..3],
            [(Action::Pause, false), (Action::RunNow, false)]
        );
        let items = super::items(&state(SchedulerState::Paused, false), Lang::En);
        assert_eq!(items[0].label, "Scheduler: paused — locked (not signed in)");
        assert_eq!((items[1].action, items[1].enabled), (Action::Resume, false));
    }

    #[test]
    fn a_closed_vault_or_a_stopped_engine_offers_only_open_and_quit() {
        for scheduler in [SchedulerState::Closed, SchedulerState::Stopped] {
            let items = items(&state(scheduler, true), Lang::Tr);
            assert_eq!(
                shape(&items),
                [
                    (Action::State, false),
                    (Action::Pause, false),
                    (Action::RunNow, false),
                    (Action::Open, true),
                    (Action::Quit, true),
                ]
            );
        }
        let closed = state(SchedulerState::Closed, false);
        assert_eq!(
            state_line(&closed, Lang::Tr),
            "Zamanlayıcı: kilitli (kasa açılmadı)"
        );
        assert_eq!(
            state_line(&closed, Lang::En),
            "Scheduler: locked (the vault is not open)"
        );
        let stopped = state(SchedulerState::Stopped, true);
        assert_eq!(
            state_line(&stopped, Lang::En),
            "Scheduler: stopped (the engine could not start)"
        );
        let none = state(SchedulerState::Waiting { next_run: None }, true);
        assert_eq!(
            state_line(&none, Lang::Tr),
            "Zamanlayıcı: çalışıyor — etkin mağaza yok"
        );
    }

    #[test]
    fn every_item_id_reads_back_as_its_action() {
        for item in items(&state(waiting(), true), Lang::En) {
            assert_eq!(Action::from_id(item.action.id()), Some(item.action));
        }
        assert_eq!(Action::from_id("resume"), Some(Action::Resume));
        assert_eq!(Action::from_id("nothing"), None);
    }
}
