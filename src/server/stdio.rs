//! Standard input and output for the server. When they are pipes or sockets (how
//! editors start a language server), they are made non-blocking and driven by the
//! runtime's reactor: a request is read and its response written by the task that
//! handles the stream. `tokio::io::stdin`/`stdout` instead hand every read and write to
//! a thread of the blocking pool, which costs two thread hand-offs per message each
//! way, and waits for a core when analyses keep both busy. Elsewhere (a terminal, a
//! file) tokio's own streams are used, and so on every platform other than Unix (Windows:
//! `tokio::io::stdin`/`stdout` with their blocking-pool threads).

use tokio::io::{AsyncRead, AsyncWrite};

pub type Input = Box<dyn AsyncRead + Unpin + Send>;
pub type Output = Box<dyn AsyncWrite + Unpin + Send>;

/// The process's standard input and output as async streams.
pub fn streams() -> (Input, Output) {
    #[cfg(unix)]
    {
        use tokio::io::Interest;
        if let (Some(i), Some(o)) = (
            pipe::Pipe::new(0, Interest::READABLE),
            pipe::Pipe::new(1, Interest::WRITABLE),
        ) {
            return (Box::new(i), Box::new(o));
        }
    }
    (Box::new(tokio::io::stdin()), Box::new(tokio::io::stdout()))
}

#[cfg(unix)]
mod pipe {
    use std::io;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
    use tokio::io::unix::AsyncFd;

    pub struct Pipe(AsyncFd<OwnedFd>);

    impl Pipe {
        /// A non-blocking duplicate of `fd` when it is a pipe or a socket; `None` for
        /// anything else (a terminal shares its mode with the shell; files never block).
        pub fn new(fd: RawFd, interest: tokio::io::Interest) -> Option<Pipe> {
            // SAFETY: plain system calls on a descriptor of this process; the duplicate
            // is owned by the `OwnedFd` from here on, which `register_with_interest`
            // requires.
            unsafe {
                let mut st: libc::stat = std::mem::zeroed();
                if libc::fstat(fd, &mut st) != 0 {
                    return None;
                }
                let kind = st.st_mode & libc::S_IFMT;
                if kind != libc::S_IFIFO && kind != libc::S_IFSOCK {
                    return None;
                }
                let dup = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3);
                if dup < 0 {
                    return None;
                }
                let owned = OwnedFd::from_raw_fd(dup);
                let flags = libc::fcntl(dup, libc::F_GETFL);
                if flags < 0 || libc::fcntl(dup, libc::F_SETFL, flags | libc::O_NONBLOCK) < 0 {
                    return None;
                }
                // The `OwnedFd` keeps the descriptor open, and the same, for as long as
                // the `AsyncFd` lives.
                AsyncFd::register_with_interest(owned, interest)
                    .ok()
                    .map(Pipe)
            }
        }
    }

    fn result(n: isize) -> io::Result<usize> {
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    }

    impl AsyncRead for Pipe {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            loop {
                let mut guard = match self.0.poll_read_ready(cx) {
                    Poll::Ready(g) => g?,
                    Poll::Pending => return Poll::Pending,
                };
                let unfilled = buf.initialize_unfilled();
                let read = guard.try_io(|fd| {
                    // SAFETY: reads into the initialised, unfilled part of `buf`.
                    let n = unsafe {
                        libc::read(
                            fd.get_ref().as_raw_fd(),
                            unfilled.as_mut_ptr().cast(),
                            unfilled.len(),
                        )
                    };
                    result(n)
                });
                match read {
                    Ok(Ok(n)) => {
                        buf.advance(n);
                        return Poll::Ready(Ok(()));
                    }
                    Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Ok(Err(e)) => return Poll::Ready(Err(e)),
                    // Not ready after all: wait for the next readiness event.
                    Err(_would_block) => continue,
                }
            }
        }
    }

    impl AsyncWrite for Pipe {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            data: &[u8],
        ) -> Poll<io::Result<usize>> {
            loop {
                let mut guard = match self.0.poll_write_ready(cx) {
                    Poll::Ready(g) => g?,
                    Poll::Pending => return Poll::Pending,
                };
                let written = guard.try_io(|fd| {
                    // SAFETY: writes from a live slice.
                    let n = unsafe {
                        libc::write(fd.get_ref().as_raw_fd(), data.as_ptr().cast(), data.len())
                    };
                    result(n)
                });
                match written {
                    Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Ok(r) => return Poll::Ready(r),
                    Err(_would_block) => continue,
                }
            }
        }

        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::pipe::Pipe;
    use tokio::io::{AsyncReadExt, AsyncWriteExt, Interest};

    /// A message larger than a pipe's buffer goes through whole: the writer waits for
    /// the reader (would-block, then readiness) instead of failing or spinning.
    #[tokio::test]
    async fn a_pipe_carries_a_large_message_both_ends_non_blocking() {
        let mut fds = [0; 2];
        // SAFETY: `fds` has room for the two descriptors.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let mut r = Pipe::new(fds[0], Interest::READABLE).expect("a pipe");
        let mut w = Pipe::new(fds[1], Interest::WRITABLE).expect("a pipe");
        // The duplicates are what is read and written: close the originals.
        // SAFETY: both are open and not used again.
        unsafe {
            libc::close(fds[0]);
            libc::close(fds[1]);
        }
        let sent: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let expect = sent.clone();
        let writer = tokio::spawn(async move {
            w.write_all(&sent).await.unwrap();
            // Dropping the writer closes the pipe: the reader sees the end.
        });
        let mut got = Vec::new();
        r.read_to_end(&mut got).await.unwrap();
        writer.await.unwrap();
        assert_eq!(got, expect);
    }

    /// A regular file (`bedrock-lsp < file`) is not made non-blocking: tokio's own
    /// stream reads it.
    #[tokio::test]
    async fn a_file_is_left_to_tokio() {
        use std::os::fd::AsRawFd;
        let f = std::fs::File::open("Cargo.toml").unwrap();
        assert!(Pipe::new(f.as_raw_fd(), Interest::READABLE).is_none());
    }
}
