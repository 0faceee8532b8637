using System;
using System.IO;
using System.Text;

namespace Kan.Format
{
    /// <summary>Reads and writes <c>.kan</c> v1 files (docs/kan-format.md).</summary>
    public static class KanFile
    {
        /// <summary>The extension the generator and tools look for.</summary>
        public const string Extension = ".kan";

        /// <summary>Reads a model; a malformed file raises <see cref="KanFormatException"/> naming path, line and column.</summary>
        public static KanModel Read(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new KanFormatException(path, new TextPosition(0, 1, 1, 0), "cannot read the file: " + e.Message);
            }

            return KanFileParser.Parse(text, path);
        }

        /// <summary>Parses <c>.kan</c> text; <paramref name="fileName"/> is only used in error messages.</summary>
        public static KanModel Parse(string text, string fileName = "<text>") => KanFileParser.Parse(text, fileName);

        /// <summary>The canonical text of a model: the same model gives the same bytes on every machine and culture.</summary>
        public static string ToText(KanModel model) => KanFileWriter.Write(model);

        /// <summary>
        /// Writes atomically: the text goes to a temporary file beside the target, which then replaces it,
        /// so a crash never leaves a half-written model.
        /// </summary>
        public static void Write(KanModel model, string path)
        {
            byte[] bytes = new UTF8Encoding(false).GetBytes(ToText(model));
            AtomicFile.Write(path, stream => stream.Write(bytes, 0, bytes.Length));
        }
    }
}
