/* fixedrate: an open-loop HTTP/1.1 load generator (wrk has no fixed-rate mode, and wrk2 is not
 * packaged here). Requests are scheduled at a constant rate, request i at start + i / rate, and
 * each one's latency is measured from its scheduled time, not from when a connection was free to
 * send it, so a server that falls behind is charged for the queue it builds (no coordinated
 * omission). One thread, epoll, a timerfd for the schedule, keep-alive connections with one
 * request in flight each; a request due while every connection is busy waits in a FIFO.
 *
 * usage: fixedrate HOST PORT PATH RATE SECONDS WARMUP_SECONDS CONNECTIONS [stream]
 * Prints one JSON line: the rate asked and achieved, latency percentiles (ms) of the requests
 * scheduled after the warm-up, errors. Sends the chat completion of bench/wrk/chat.lua.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define BUF 65536

typedef struct {
    int fd;
    int busy;
    int64_t scheduled; /* ns, of the request in flight */
    size_t have;       /* bytes of the response read so far */
    char buf[BUF];
} conn_t;

static char request[2048];
static size_t request_len;
static int64_t *lat; /* ns, per measured request */
static size_t nlat, caplat;
static long errors, completed_all, sent_all;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int connect_to(const char *host, int port) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, host, &a.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("connect");
        exit(2);
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

/* Length of a complete response in c->buf, 0 while incomplete, -1 when it cannot be parsed. */
static long response_length(conn_t *c, int *status) {
    char *end = memmem(c->buf, c->have, "\r\n\r\n", 4);
    if (!end) return c->have >= BUF ? -1 : 0;
    size_t head = (size_t)(end - c->buf) + 4;
    *status = c->have > 12 ? atoi(c->buf + 9) : 0;
    for (char *p = c->buf; p < end; p = memchr(p, '\n', (size_t)(end - p)) + 1) {
        if (strncasecmp(p, "content-length:", 15) == 0) {
            size_t total = head + (size_t)strtol(p + 15, NULL, 10);
            if (total > BUF) return -1;
            return c->have >= total ? (long)total : 0;
        }
        if (!memchr(p, '\n', (size_t)(end - p))) break;
    }
    /* chunked: complete when the body ends with the last chunk (JSON never holds CRLF 0 CRLF) */
    if (c->have >= head + 5 && memcmp(c->buf + c->have - 5, "0\r\n\r\n", 5) == 0
        && (c->have == head + 5 || c->buf[c->have - 6] == '\n'))
        return (long)c->have;
    return c->have >= BUF ? -1 : 0;
}

static void send_request(conn_t *c, int64_t scheduled) {
    c->busy = 1;
    c->scheduled = scheduled;
    c->have = 0;
    sent_all++;
    size_t off = 0;
    while (off < request_len) { /* a small request: the socket buffer takes it at once */
        ssize_t n = write(c->fd, request + off, request_len - off);
        if (n < 0 && errno == EAGAIN) continue;
        if (n <= 0) { perror("write"); exit(2); }
        off += (size_t)n;
    }
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static double pct(double p) {
    if (nlat == 0) return 0;
    size_t i = (size_t)(p / 100.0 * (double)nlat + 0.999999);
    if (i < 1) i = 1;
    if (i > nlat) i = nlat;
    return (double)lat[i - 1] / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 8) {
        fprintf(stderr, "usage: fixedrate HOST PORT PATH RATE SECONDS WARMUP CONNECTIONS [stream]\n");
        return 2;
    }
    const char *host = argv[1], *path = argv[3];
    int port = atoi(argv[2]), nconn = atoi(argv[7]);
    double rate = atof(argv[4]), seconds = atof(argv[5]), warmup = atof(argv[6]);
    int stream = argc > 8 && strcmp(argv[8], "stream") == 0;
    const char *body_fmt = "{\"model\":\"gpt-4o-mini\",\"messages\":["
        "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
        "{\"role\":\"user\",\"content\":\"Summarise the plot of Hamlet in two sentences.\"}]%s}";
    char body[1024];
    snprintf(body, sizeof body, body_fmt, stream ? ",\"stream\":true" : "");
    request_len = (size_t)snprintf(request, sizeof request,
        "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
        "Authorization: Bearer sk-bench-client\r\nContent-Length: %zu\r\n\r\n%s",
        path, host, port, strlen(body), body);

    int64_t interval = (int64_t)(1e9 / rate);
    int64_t total = (int64_t)((seconds + warmup) * rate);
    int64_t measured_from = (int64_t)(warmup * rate);
    caplat = (size_t)(total - measured_from) + 1;
    lat = malloc(caplat * sizeof *lat);
    int64_t *pending = malloc((size_t)(total + 1) * sizeof *pending); /* FIFO of scheduled times */
    size_t phead = 0, ptail = 0;

    int ep = epoll_create1(0);
    conn_t *conns = calloc((size_t)nconn, sizeof *conns);
    int *idle = malloc((size_t)nconn * sizeof *idle), nidle = 0;
    for (int i = 0; i < nconn; i++) {
        conns[i].fd = connect_to(host, port);
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
        idle[nidle++] = i;
    }
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);

    int64_t start = now_ns() + 1000000, next = 0; /* index of the next request to schedule */
    int64_t completed = 0;
    struct epoll_event evs[256];
    while (completed < total) {
        int64_t t = now_ns();
        while (next < total && start + next * interval <= t) { /* due: send or queue */
            int64_t due = start + next * interval;
            if (nidle > 0) send_request(&conns[idle[--nidle]], due);
            else pending[ptail++] = due;
            next++;
        }
        if (next < total) {
            int64_t due = start + next * interval;
            struct itimerspec its = {.it_value = {.tv_sec = due / 1000000000LL,
                                                  .tv_nsec = due % 1000000000LL}};
            timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
        }
        int n = epoll_wait(ep, evs, 256, 1000);
        for (int k = 0; k < n; k++) {
            if (evs[k].data.u32 == UINT32_MAX) {
                uint64_t x;
                if (read(tfd, &x, sizeof x) < 0) { /* raced with a reset: nothing to do */ }
                continue;
            }
            conn_t *c = &conns[evs[k].data.u32];
            for (;;) {
                ssize_t r = read(c->fd, c->buf + c->have, BUF - c->have);
                if (r < 0 && errno == EAGAIN) break;
                if (r <= 0) { fprintf(stderr, "connection closed by the server\n"); return 2; }
                c->have += (size_t)r;
            }
            int status = 0;
            long len = response_length(c, &status);
            if (len == 0 || !c->busy) continue;
            if (len < 0) { fprintf(stderr, "unparsable response\n"); return 2; }
            int64_t done = now_ns();
            int64_t index = (c->scheduled - start) / interval;
            if (status != 200) errors++;
            if (index >= measured_from && nlat < caplat) lat[nlat++] = done - c->scheduled;
            completed++;
            completed_all++;
            c->busy = 0;
            if (phead < ptail) send_request(c, pending[phead++]);
            else idle[nidle++] = (int)(c - conns);
        }
    }
    double elapsed = (double)(now_ns() - start) / 1e9;
    double measured_s = seconds;
    qsort(lat, nlat, sizeof *lat, cmp64);
    double sum = 0;
    for (size_t i = 0; i < nlat; i++) sum += (double)lat[i];
    printf("{\"rate\":%.0f,\"completed\":%ld,\"achieved\":%.1f,\"requests\":%zu,\"seconds\":%.3f,\"errors\":%ld,"
           "\"connections\":%d,\"queued\":%zu,\"latency_ms\":{\"p50\":%.4f,\"p90\":%.4f,"
           "\"p99\":%.4f,\"p999\":%.4f,\"max\":%.4f,\"mean\":%.4f}}\n",
           rate, completed_all, (double)nlat / (elapsed - warmup > measured_s ? elapsed - warmup : measured_s),
           nlat, elapsed, errors, nconn, ptail, pct(50), pct(90), pct(99), pct(99.9), pct(100),
           nlat ? sum / (double)nlat / 1e6 : 0.0);
    return 0;
}
