using System.Collections.Immutable;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Reading;

/// What the reader made of a document: the raw config, plus every unknown key and wrong type.
/// A value of the wrong type is left out of `Raw` (as if not given) and reported in `Errors`.
public sealed record ConfigRead(RawConfig Raw, ImmutableArray<ConfigError> Errors);
