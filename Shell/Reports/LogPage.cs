using Menshen.Shell.Reports.Json;

namespace Menshen.Shell.Reports;

/// One page of `/__report/logs`, newest first. `NextCursor` (the `X-Next-Cursor` header) is set
/// when older rows may match: pass it back as `before` to read on.
internal sealed record LogPage(LogJson[] Rows, long? NextCursor);
