//! A `MakeWriter` wrapper that buffers one formatted event and writes it,
//! redacted, when the event is complete. Buffering matters: a secret split
//! across two `write` calls would otherwise slip past the patterns.

use std::io::{self, Write};

use tracing_subscriber::fmt::MakeWriter;

/// Wraps any `MakeWriter` so everything written through it is redacted.
#[derive(Debug, Clone)]
pub struct Redacting<M> {
    inner: M,
}

impl<M> Redacting<M> {
    pub fn new(inner: M) -> Self {
        Redacting { inner }
    }
}

/// The per-event writer: collects bytes, redacts and forwards them on drop.
pub struct RedactingWriter<W: Write> {
    inner: W,
    buffer: Vec<u8>,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.forward()?;
        self.inner.flush()
    }
}

impl<W: Write> RedactingWriter<W> {
    fn forward(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&self.buffer);
        let clean = kakehashi_secrets::redact(&text);
        self.inner.write_all(clean.as_bytes())?;
        self.buffer.clear();
        Ok(())
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        // A failed log write must never take the app down.
        let _ = self.forward();
    }
}

impl<'a, M> MakeWriter<'a> for Redacting<M>
where
    M: MakeWriter<'a>,
{
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.inner.make_writer(),
            buffer: Vec::new(),
        }
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> Self::Writer {
        RedactingWriter {
            inner: self.inner.make_writer_for(meta),
            buffer: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tracing_subscriber::layer::SubscriberExt;

    /// Collects what the subscriber writes, for inspection.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Self::Writer {
            self.clone()
        }
    }

    #[test]
    fn secrets_in_messages_and_fields_never_reach_the_writer() {
        let sink = Captured::default();
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(Redacting::new(sink.clone())),
        );
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(
                header = "Authorization: Bearer sk_live_abcdef",
                "calling https://bot:pw123456@jira.example.com with password=hunter2"
            );
            tracing::warn!(api_key = "k-777", "retrying");
        });
        let written = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        for secret in ["sk_live_abcdef", "pw123456", "hunter2", "k-777"] {
            assert!(!written.contains(secret), "{secret} leaked: {written}");
        }
        assert!(written.contains("jira.example.com"), "{written}");
        assert!(written.contains("retrying"), "{written}");
    }

    #[test]
    fn a_secret_split_across_writes_is_still_redacted() {
        let sink = Captured::default();
        {
            let make = Redacting::new(sink.clone());
            let mut writer = make.make_writer();
            writer.write_all(b"password=hun").unwrap();
            writer.write_all(b"ter2 done\n").unwrap();
        }
        let written = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(written, "password=[REDACTED] done\n");
    }
}
