// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;

namespace Kan.Format
{
    /// <summary>A place in a text file: 1-based line and column, 0-based character offset, and a length.</summary>
    public readonly struct TextPosition : IEquatable<TextPosition>
    {
        public TextPosition(int offset, int line, int column, int length)
        {
            Offset = offset;
            Line = line;
            Column = column;
            Length = length;
        }

        public int Offset { get; }

        public int Line { get; }

        public int Column { get; }

        public int Length { get; }

        public bool Equals(TextPosition other) =>
            Offset == other.Offset && Line == other.Line && Column == other.Column && Length == other.Length;

        public override bool Equals(object? obj) => obj is TextPosition other && Equals(other);

        public override int GetHashCode() => (Offset * 397) ^ Length;

        public override string ToString() => "(" + Line + "," + Column + ")";
    }
}
