// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;

namespace Kan.Format
{
    /// <summary>
    /// The one error a malformed <c>.kan</c> (or pykan dump) file raises: it names the file, the line and
    /// column, and what was expected there. The generator turns it into a located diagnostic.
    /// </summary>
    public sealed class KanFormatException : Exception
    {
        public KanFormatException(string fileName, TextPosition position, string detail)
            : base(fileName + "(" + position.Line + "," + position.Column + "): " + detail)
        {
            FileName = fileName;
            Position = position;
            Detail = detail;
        }

        public string FileName { get; }

        public TextPosition Position { get; }

        public int Line => Position.Line;

        public int Column => Position.Column;

        /// <summary>What was wrong and what was expected, without the location prefix.</summary>
        public string Detail { get; }
    }
}
