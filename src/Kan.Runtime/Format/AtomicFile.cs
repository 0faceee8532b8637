using System;
using System.IO;

namespace Kan.Format
{
    /// <summary>
    /// Writes a file atomically: the bytes go to a temporary file beside the target, which then replaces it, so a
    /// crash or a failing writer never leaves a half-written file (and never clobbers the old one).
    /// </summary>
    public static class AtomicFile
    {
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
