using System;
using System.IO;
using System.Text;
using Kan.Format;

namespace Kan.Cli;

/// <summary>
/// The files commands write. Every command that writes calls <see cref="RequireWritable"/> on its target before
/// any work (so a long training run is not wasted on an unwritable path) and writes through <see cref="WriteAtomic"/>
/// or <see cref="Write"/>, which turn every I/O failure into one <see cref="CliException"/> line instead of a
/// runtime message.
/// </summary>
public static class OutputFiles
{
    /// <summary>
    /// Fails unless <paramref name="path"/> can be written: its folder exists and accepts a new file (checked by
    /// creating and deleting a probe file there, which catches permissions, read-only file systems and pseudo
    /// file systems alike), the path is not a folder, and an existing file there is not read-only (a read-only file
    /// is one the user protected: it is never replaced, even by a user, such as root, whom the system would let).
    /// </summary>
    /// <param name="createFolder">Create a missing folder first (export-pykan, like pykan's saveckpt into a model folder).</param>
    public static void RequireWritable(string path, bool createFolder = false)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw Cannot(path, "it is a folder");
        }

        string folder = Path.GetDirectoryName(full) ?? full;
        if (createFolder && !Directory.Exists(folder) && !File.Exists(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Cannot(path, "cannot create the folder '" + folder + "' (" + FileErrors.Describe(e) + ")");
            }
        }

        if (!Directory.Exists(folder))
        {
            throw Cannot(path, File.Exists(folder) ? "'" + folder + "' is a file, not a folder" : "the folder '" + folder + "' does not exist");
        }

        if (File.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
        {
            throw Cannot(path, "the file is read-only; make it writable or choose another output");
        }

        string probe = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Cannot(path, "the folder '" + folder + "' does not accept new files (" + FileErrors.Describe(e) + ")");
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to a temporary file beside the target, then renames it: a reader never sees half a file.</summary>
    public static void WriteAtomic(string path, string text)
    {
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        Write(path, target => AtomicFile.Write(target, stream => stream.Write(bytes, 0, bytes.Length)));
    }

    /// <summary>Runs <paramref name="write"/> on <paramref name="path"/> (e.g. <c>KanFile.Write</c>), reporting an I/O failure as one error line.</summary>
    public static void Write(string path, Action<string> write)
    {
        try
        {
            write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Cannot(path, FileErrors.Describe(e));
        }
    }

    private static CliException Cannot(string path, string why) => new("cannot write '" + path + "': " + why);
}
