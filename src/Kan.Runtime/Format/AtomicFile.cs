using System;
using System.IO;
using System.Text;

namespace Kan.Format
{
    /// <summary>Replaces a file's contents so that a reader sees the old file or the new one, never half of one.</summary>
    public static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="text"/> (UTF-8, no BOM) to a temporary file beside <paramref name="path"/> (creating
        /// its folder), then renames it over the target; a crash leaves at most the temporary file, never a half-written target.
        /// </summary>
        public static void WriteAllText(string path, string text)
        {
            byte[] bytes = new UTF8Encoding(false).GetBytes(text);
            Write(path, stream => stream.Write(bytes, 0, bytes.Length));
        }

        /// <summary>
        /// As <see cref="WriteAllText"/>, for binary content: <paramref name="write"/> fills the temporary file's stream
        /// (seekable, as <see cref="System.IO.Compression.ZipArchive"/> needs); if it throws, the target is untouched.
        /// </summary>
        public static void Write(string path, Action<Stream> write)
        {
            string full = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(directory);
            string temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite))
                {
                    write(stream);
                }

                File.Move(temp, full, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
