//! A TCP listener whose connections can be reset on purpose, so the
//! "connection reset" fault is a real RST on the wire, not a polite error.
//!
//! Each accepted stream carries a shared flag; the fault middleware finds the
//! flag in the request's `ConnectInfo` and sets it. The next write then fails,
//! hyper drops the connection, and because linger is zero the kernel sends RST.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

pub(crate) struct ResettableListener(pub TcpListener);

/// The per-connection "reset me" switch, handed to handlers as `ConnectInfo`.
#[derive(Clone, Debug, Default)]
pub(crate) struct ResetSwitch(Arc<AtomicBool>);

impl ResetSwitch {
    pub(crate) fn trip(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn tripped(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

pub(crate) struct ResettableStream {
    inner: TcpStream,
    switch: ResetSwitch,
}

impl ResettableStream {
    fn check(&self) -> io::Result<()> {
        if !self.switch.tripped() {
            return Ok(());
        }
        // Zero linger turns the close that follows into an RST.
        let _ = socket_linger_zero(&self.inner);
        Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "simulated connection reset",
        ))
    }
}

#[allow(deprecated)] // tokio renamed set_linger; the behaviour is the same.
fn socket_linger_zero(stream: &TcpStream) -> io::Result<()> {
    stream.set_linger(Some(Duration::ZERO))
}

impl Listener for ResettableListener {
    type Io = ResettableStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.0.accept().await {
                Ok((inner, addr)) => {
                    let _ = inner.set_nodelay(true);
                    let stream = ResettableStream {
                        inner,
                        switch: ResetSwitch::default(),
                    };
                    return (stream, addr);
                }
                // Too many open files and the like: wait instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

impl Connected<IncomingStream<'_, ResettableListener>> for ResetSwitch {
    fn connect_info(stream: IncomingStream<'_, ResettableListener>) -> Self {
        stream.io().switch.clone()
    }
}

impl AsyncRead for ResettableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Err(err) = self.check() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for ResettableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Err(err) = self.check() {
            return Poll::Ready(Err(err));
        }
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
