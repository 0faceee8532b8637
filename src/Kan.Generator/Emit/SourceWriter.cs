using System.Text;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// A small indent-aware text builder (after System.Text.Json's generator): lines end in '\n' on every OS,
    /// so generated source is byte-identical everywhere.
    /// </summary>
    internal sealed class SourceWriter
    {
        private const int IndentSize = 4;
        private readonly StringBuilder _builder = new StringBuilder();

        public int Indentation { get; set; }

        public int Length => _builder.Length;

        public SourceWriter Line(string text)
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', Indentation * IndentSize);
                _builder.Append(text);
            }

            _builder.Append('\n');
            return this;
        }

        public SourceWriter Line() => Line(string.Empty);

        public SourceWriter Open(string? header = null)
        {
            if (header is not null)
            {
                Line(header);
            }

            Line("{");
            Indentation++;
            return this;
        }

        public SourceWriter Close(string closer = "}")
        {
            Indentation--;
            Line(closer);
            return this;
        }

        public override string ToString() => _builder.ToString();
    }
}
