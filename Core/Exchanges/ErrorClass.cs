namespace Menshen.Core.Exchanges;

/// Whose fault an exchange's failure was, for the reports. `None` is a plain answer (which may
/// still carry an upstream error status: the reports count a status of 400 or more too).
public enum ErrorClass
{
    None,
    Client,
    Upstream,
    Gateway,
}
