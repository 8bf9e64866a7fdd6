namespace Menshen.Shell.Logging;

/// Thrown out of the request delegate on purpose, after the exchange was audited and logged, so
/// that Kestrel ends the connection without the body's end (no last chunk, then a graceful
/// close). It is the only way Kestrel offers to end a started response as failed while still
/// sending what was written (`HttpContext.Abort` resets the socket, and the client may lose the
/// bytes already sent). Kestrel logs an application error
/// for it; the console loggers skip that entry, since the request's own line already tells.
public sealed class ConnectionCutException(string reason) : Exception(reason);
