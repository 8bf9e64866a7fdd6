#!/usr/bin/env python3
"""Sorts the samples of a `perf record -g` of the gateway into the parts of the request path, so a
profile reads as "where does a request's CPU go". Each sample goes to the first part, walking from
the sampled frame towards the thread's root, whose pattern matches a frame (or its thread name).
Then the same samples by thread: frame-pointer stacks stop at libc, so a system call's kernel time
lands in a "caller unknown" part above, but always on the thread that made it. With inline
scheduling the socket threads run requests and the pool threads run the audit writer (and report
queries), so the thread table is the better measure of the writer's whole share.

usage: perf script -i perf.data -F comm,ip,sym,dso | perf_breakdown.py
"""
import collections
import re
import sys

# (part, thread-name pattern or None, frame pattern or None); order decides ties along one stack.
PARTS = [
    ("console logger thread (one line per request)", r"Console logger", None),
    ("GC (collections, incl. background/server GC threads)", r"GC", r"gc_heap|GCHeap|WKS_|SVR_|GcScan|RhpGcAlloc|GarbageCollect"),
    ("audit writer: previews (JSON parse of bodies)", None, r"RequestPreview|ResponsePreview|SsePreview|JsonText"),
    ("audit writer: brotli of bodies", None, r"Brotli|BodyCodec"),
    ("audit writer: SQLite insert + bind", None, r"sqlite3|Microsoft_Data_Sqlite|ExchangeInserter"),
    ("audit writer: other (row values, attempts JSON)", None, r"AuditWriter|BatchCommitter|RequestRow|BodyRow|AttemptJson"),
    ("request log line (formatting, enqueue)", None, r"RequestLogSink|Logging_Console|LoggerMessage|Logger_1|Logging_Logger"),
    ("body patch / usage parse / previews in Core", None, r"Menshen_Core"),
    ("idle timer (linked CTS, CancelAfter)", None, r"IdleTimer|CancellationTokenSource|TimerQueue"),
    ("upstream HttpClient (send, read, pool)", None, r"System_Net_Http"),
    ("Kestrel + pipelines (client side)", None, r"Kestrel|System_IO_Pipelines|AspNetCore_Http"),
    ("gateway request path (Shell, other)", None, r"ai_menshen_Menshen_Shell"),
    ("sockets engine (epoll thread)", None, r"SocketAsyncEngine|System_Net_Sockets"),
    ("thread pool dispatch / wake-ups", None, r"ThreadPool|PortableThreadPool|LowLevelLifoSemaphore|WorkerThread"),
    # Frame-pointer stacks stop at libc, so these are socket and futex calls whose managed caller
    # is unknown: Kestrel's and HttpClient's reads and writes (loopback: the send also runs the
    # receiver's TCP path), and threads parking and waking.
    ("socket syscalls, caller unknown (loopback send/recv)", None, r"__send|__recv|sendto|recvfrom|sendmsg|recvmsg|tcp_|sock_|epoll"),
    ("futex / scheduling, caller unknown (thread park and wake)", None, r"futex|schedule|finish_task_switch|pthread_cond|try_to_wake_up"),
]
COMPILED = [(name, re.compile(t) if t else None, re.compile(f) if f else None) for name, t, f in PARTS]


def classify(comm, frames):
    for name, thread, _ in COMPILED:
        if thread is not None and thread.search(comm):
            return name
    for frame in frames:  # leaf first
        for name, _, pattern in COMPILED:
            if pattern is not None and pattern.search(frame):
                return name
    return "other (kernel scheduling, unknown frames)"


def samples(lines):
    comm, frames = None, []
    for line in lines:
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif not line.startswith(("\t", " ")):
            comm = line.strip()
        else:
            frames.append(line.strip())
    if comm is not None:
        yield comm, frames


def main():
    counts = collections.Counter()
    kernel = collections.Counter()
    threads = collections.Counter()
    thread_kernel = collections.Counter()
    total = 0
    for comm, frames in samples(sys.stdin):
        part = classify(comm, frames)
        in_kernel = bool(frames) and "kernel.kallsyms" in frames[0]
        counts[part] += 1
        kernel[part] += in_kernel
        threads[comm] += 1
        thread_kernel[comm] += in_kernel
        total += 1
    print(f"{total} samples of the gateway process")
    print("| part of the request path | share of gateway CPU | of which in the kernel |")
    print("|---|---:|---:|")
    for part, n in counts.most_common():
        print(f"| {part} | {100 * n / total:.1f} % | {100 * kernel[part] / n:.0f} % |")
    print()
    print("| thread | share of gateway CPU | of which in the kernel |")
    print("|---|---:|---:|")
    for comm, n in threads.most_common():
        print(f"| {comm} | {100 * n / total:.1f} % | {100 * thread_kernel[comm] / n:.0f} % |")


if __name__ == "__main__":
    main()
