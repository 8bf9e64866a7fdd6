using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Menshen.Shell.Config;

/// Source-generated metadata for the untyped TOML model, so reading works under Native AOT
/// (Tomlyn's reflection path is disabled there).
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext;
