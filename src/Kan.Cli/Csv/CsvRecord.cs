using System.Collections.Generic;

namespace Kan.Cli.Csv;

/// <summary>One CSV record and the line it starts on (a quoted field may span lines).</summary>
public sealed class CsvRecord
{
    public CsvRecord(int line, IReadOnlyList<string> fields)
    {
        Line = line;
        Fields = fields;
    }

    /// <summary>1-based line number of the record's first character.</summary>
    public int Line { get; }

    public IReadOnlyList<string> Fields { get; }
}
