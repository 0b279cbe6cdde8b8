//! A value that must not be printed: `Debug` and `Display` show a fixed
//! marker, so a secret inside a struct cannot leak through `{:?}` in a log
//! line or an error message. Reading it takes an explicit `expose()`.
//!
//! Secrets come *in* from the UI and the CLI, so `Sensitive` can be
//! deserialised (and described to the TypeScript bindings as the plain value
//! it wraps); it is deliberately never `Serialize`, so no response, event or
//! export file can carry one back out.

use serde::{Deserialize, Deserializer};

use crate::REDACTED;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The secret itself; call only where it goes to the keychain or a server.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T> std::fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> std::fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Read exactly as the wrapped value (`"the-token"`, not `["the-token"]`).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Sensitive)
    }
}

/// In the bindings a `Sensitive<String>` is a plain `string` input.
impl<T: specta::Type> specta::Type for Sensitive<T> {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        T::definition(types)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Sensitive::new("hunter2-token".to_owned());
        let shown = format!("{secret:?} {secret} {:?}", Some(&secret));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(secret.expose(), "hunter2-token");
    }

    #[test]
    fn deserialises_from_the_plain_value() {
        #[derive(Deserialize)]
        struct Input {
            secret: Sensitive<String>,
        }
        let input: Input = serde_json::from_str(r#"{"secret":"pat-123"}"#).unwrap();
        assert_eq!(input.secret.expose(), "pat-123");
        assert!(serde_json::from_str::<Input>(r#"{"secret":7}"#).is_err());
    }

    #[test]
    fn the_binding_type_is_the_wrapped_type() {
        let mut types = specta::Types::default();
        assert_eq!(
            <Sensitive<String> as specta::Type>::definition(&mut types),
            <String as specta::Type>::definition(&mut types)
        );
    }

    /// `Serialize` would let a secret flow back out to the UI or a file.
    /// An inherent constant only exists when the bound holds; otherwise the
    /// blanket trait's `false` is found, so the day someone derives
    /// `Serialize` this stops compiling.
    #[test]
    fn is_never_serialize() {
        struct Probe<T>(std::marker::PhantomData<T>);
        trait Fallback {
            const SERIALIZE: bool = false;
        }
        impl<T> Fallback for Probe<T> {}
        impl<T: serde::Serialize> Probe<T> {
            #[allow(dead_code)]
            const SERIALIZE: bool = true;
        }
        const { assert!(Probe::<String>::SERIALIZE, "the probe detects Serialize") };
        const { assert!(!Probe::<Sensitive<String>>::SERIALIZE) };
    }
}
