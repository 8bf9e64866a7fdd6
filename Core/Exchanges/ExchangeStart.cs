namespace Menshen.Core.Exchanges;

/// What is known the moment a proxied request arrives.
public sealed record ExchangeStart(long Id, DateTimeOffset StartedAt, string Method, string Path);
