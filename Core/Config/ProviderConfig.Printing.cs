using System.Text;

namespace Menshen.Core.Config;

// The generated record ToString would print the API key and header values (often a key too);
// these print them masked, so a provider that reaches a log line never carries a usable secret.
public sealed partial record ProviderConfig
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name)
            .Append(", BaseUrl = ").Append(BaseUrl)
            .Append(", ApiKey = ").Append(SecretMask.Mask(ApiKey))
            .Append(", Headers = [").AppendJoin(", ", Headers).Append(']')
            .Append(", Model = ").Append(Model)
            .Append(", Weight = ").Append(Weight)
            .Append(", Proxy = ").Append(Proxy);
        return true;
    }
}

public sealed partial record HeaderValue
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Value = ").Append(SecretMask.Mask(Value));
        return true;
    }
}
