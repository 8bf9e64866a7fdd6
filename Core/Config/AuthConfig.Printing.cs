using System.Text;

namespace Menshen.Core.Config;

// The generated record ToString would print the password and tokens; these print them masked,
// so a config that reaches a log line or an exception message never carries a usable secret.
public sealed partial record AuthConfig
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Enabled = ").Append(Enabled)
            .Append(", User = ").Append(User)
            .Append(", Password = ").Append(Password.Length > 0 ? "set" : "")
            .Append(", Token = ").Append(SecretMask.Mask(Token))
            .Append(", Keys = [").AppendJoin(", ", Keys).Append(']');
        return true;
    }
}

public sealed partial record ClientKey
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Token = ").Append(SecretMask.Mask(Token));
        return true;
    }
}
