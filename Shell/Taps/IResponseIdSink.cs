namespace Menshen.Shell.Taps;

/// Told which provider produced a response id, the moment a tap reads the id from the body
/// passing by (before the client has it): affinity (SPEC §13) must know it for a follow-up, and
/// which client key it answered (ResponseOwnership).
public interface IResponseIdSink
{
    void Remember(string responseId, string provider, string? clientKey);
}
