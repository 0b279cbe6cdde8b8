//! What one simulated Jira site holds: its flavour, people, data, login
//! bookkeeping and clock, shared by every handler behind an `Arc`.

use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use jiff::tz::TimeZone;
use sha2::{Digest, Sha256};

use super::auth::LoginGuard;
use super::oauth::OAuthState;
use super::store::{PersonIx, Store};
use super::time::{self, Millis};
use super::{seed, Flavor};
use crate::people::{people, Person, Role};
use crate::switches::Switches;
use crate::Seed;

pub(crate) type Jira = Arc<Shared>;

pub(crate) struct Shared {
    pub flavor: Flavor,
    /// The URL users see, without a trailing slash; `self` links start with it.
    pub base_url: String,
    pub seed: Seed,
    pub people: Vec<Person>,
    /// Each person's profile time zone, resolved once.
    pub zones: Vec<TimeZone>,
    /// Zones set through `PUT /__sim/<kind>/time-zones` (until a reset).
    zone_overrides: RwLock<Vec<Option<(&'static str, &'static TimeZone)>>>,
    /// Each person's Jira Cloud account id (stable for a seed).
    pub account_ids: Vec<String>,
    store: RwLock<Store>,
    logins: Mutex<LoginGuard>,
    oauth: Mutex<OAuthState>,
    /// The simulator's clock (shared with `PUT /__sim/clock` and the `Date`
    /// header), so tests can let "a minute pass" at once or skew the server,
    /// and the email visibility switch.
    switches: Arc<Switches>,
}

impl Shared {
    pub fn new(flavor: Flavor, seed: Seed, base_url: &str, switches: Arc<Switches>) -> Shared {
        let people = people(seed);
        let zones = people.iter().map(|p| time::zone(p.time_zone)).collect();
        let account_ids = people.iter().map(account_id).collect();
        let zone_overrides = RwLock::new(vec![None; people.len()]);
        let mut shared = Shared {
            flavor,
            base_url: base_url.trim_end_matches('/').to_owned(),
            seed,
            people,
            zones,
            zone_overrides,
            account_ids,
            store: RwLock::new(Store::default()),
            logins: Mutex::new(LoginGuard::default()),
            oauth: Mutex::new(OAuthState::seeded()),
            switches,
        };
        let store = seed::build(&shared, shared.now());
        shared.store = RwLock::new(store);
        shared
    }

    /// Data back to the seed; logins and OAuth grants too. The clock is
    /// not Jira's own: `POST /__sim/reset` sets it back before calling this,
    /// so the seed is built at the real time.
    pub fn reset(&self) {
        let store = seed::build(self, self.now());
        *self.write() = store;
        *self.logins() = LoginGuard::default();
        *self.oauth() = OAuthState::seeded();
        for slot in self
            .zone_overrides
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .iter_mut()
        {
            *slot = None;
        }
    }

    pub fn now(&self) -> Millis {
        self.switches.now_ms()
    }

    pub fn advance_clock(&self, by: Millis) -> Millis {
        self.switches.advance_clock_ms(by);
        self.now()
    }

    /// Jira Cloud with profile visibility "only me": other people's user
    /// objects carry no `emailAddress`. Data Center is never affected.
    pub fn emails_hidden(&self) -> bool {
        self.is_cloud() && self.switches.emails_hidden()
    }

    pub fn set_emails_hidden(&self, hidden: bool) {
        self.switches.set_emails_hidden(hidden);
    }

    // A handler that panicked mid-request cannot leave the store half
    // written in a way that matters for a simulator, so poisoning is ignored.
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(|p| p.into_inner())
    }

    pub fn logins(&self) -> MutexGuard<'_, LoginGuard> {
        self.logins.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn oauth(&self) -> MutexGuard<'_, OAuthState> {
        self.oauth.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn person(&self, ix: PersonIx) -> &Person {
        &self.people[ix as usize]
    }

    pub fn role(&self, ix: PersonIx) -> Role {
        self.person(ix).role
    }

    pub fn zone(&self, ix: PersonIx) -> &TimeZone {
        match self.zone_override(ix) {
            Some((_, zone)) => zone,
            None => &self.zones[ix as usize],
        }
    }

    /// The IANA name of the person's profile zone now.
    pub fn zone_name(&self, ix: PersonIx) -> &str {
        match self.zone_override(ix) {
            Some((name, _)) => name,
            None => self.person(ix).time_zone,
        }
    }

    fn zone_override(&self, ix: PersonIx) -> Option<(&'static str, &'static TimeZone)> {
        let overrides = self
            .zone_overrides
            .read()
            .unwrap_or_else(|p| p.into_inner());
        overrides.get(ix as usize).copied().flatten()
    }

    /// Sets (or with `None` restores) a person's profile zone; unknown
    /// names are refused.
    pub fn set_zone(&self, ix: PersonIx, name: Option<&str>) -> Result<(), String> {
        let value = match name {
            Some(name) => Some(time::interned_zone(name)?),
            None => None,
        };
        let mut overrides = self
            .zone_overrides
            .write()
            .unwrap_or_else(|p| p.into_inner());
        match overrides.get_mut(ix as usize) {
            Some(slot) => {
                *slot = value;
                Ok(())
            }
            None => Err(format!("no person #{ix}")),
        }
    }

    /// `{base}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// `{base}/rest/api/{2|3}{path}`.
    pub fn api_url(&self, path: &str) -> String {
        format!("{}{}{path}", self.base_url, self.flavor.api())
    }

    pub fn is_cloud(&self) -> bool {
        self.flavor == Flavor::Cloud
    }
}

/// A Jira Cloud account id in the current `712020:<uuid>` form, derived from
/// the login so it is the same in every run.
fn account_id(person: &Person) -> String {
    let digest = Sha256::digest(format!("kakehashi-sim-account:{}", person.login));
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "712020:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
