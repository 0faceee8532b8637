using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Kan.Format;

namespace Kan.Cli;

/// <summary>Reads the files commands take, turning every failure into one <see cref="CliException"/> line.</summary>
public static class InputFiles
{
    private static readonly Regex PykanDumpFormat = new("\"format\"\\s*:\\s*\"pykan-dump/", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads a .kan model; a malformed file's message already names file(line,col). A pykan dump given where a
    /// model belongs gets the parser's message plus the command that converts it.
    /// </summary>
    public static KanModel ReadModel(string path)
    {
        string text = ReadText(path);
        try
        {
            return KanFile.Parse(text, path);
        }
        catch (KanFormatException e) when (PykanDumpFormat.IsMatch(text))
        {
            throw new CliException(e.Message + "; '" + path + "' is a pykan dump, not a .kan model: convert it first with 'kan import-pykan " + path + " -o MODEL.kan'");
        }
    }

    public static string ReadText(string path)
    {
        RequireFile(path);
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("cannot read '" + path + "': " + FileErrors.Describe(e));
        }
    }

    /// <summary>Fails unless <paramref name="path"/> is an existing file this user may read (for readers that open it themselves).</summary>
    public static void RequireFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException("'" + path + "' is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new CliException("'" + path + "' does not exist");
        }

        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("cannot read '" + path + "': " + FileErrors.Describe(e));
        }
    }
}
