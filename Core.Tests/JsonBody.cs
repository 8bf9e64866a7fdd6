using System.Text;

namespace Menshen.Core.Tests;

/// A generated JSON object body, split around the root `model` value so tests know its bytes.
/// `ModelRaw` is null when the body has no root `model`; then `Before` holds the whole body.
public sealed record JsonBody(
    string Before, string? ModelRaw, string After, string? StreamRaw, string? StreamOptionsRaw)
{
    public bool HasStreamOptions => StreamOptionsRaw is not null;

    public string Text => Before + ModelRaw + After;

    public byte[] Bytes => Encoding.UTF8.GetBytes(Text);

    public bool StreamTrue => StreamRaw == "true";

    public override string ToString() => Text;
}
