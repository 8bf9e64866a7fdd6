using System.Text;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// A non-streaming upstream body and the usage it reports.
public sealed record UsageBody(EndpointKind Kind, string Json, TokenUsage Usage)
{
    public byte[] Bytes => Encoding.UTF8.GetBytes(Json);
}
