using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Kan.Cli.Tests.Commands;

/// <summary>The files a command row reads or writes.</summary>
[Flags]
public enum Slot
{
    None = 0,

    /// <summary>A .kan model (the toy_spline fixture imported: inputs x1, x2, output y1).</summary>
    Model = 1,

    /// <summary>A CSV with a header x1,x2,y1 and 40 rows; --data of the training commands, --input of eval.</summary>
    Data = 2,

    /// <summary>A pykan-dump/1 JSON (the toy_spline fixture).</summary>
    Dump = 4,

    /// <summary>The file the command writes (absent before the run).</summary>
    Output = 8,

    /// <summary>An efficient-kan state dict (torch zip, the ekan_3_4_2_f32.pt fixture).</summary>
    Torch = 16,
}

/// <summary>
/// One kan command as the failure matrix runs it: its arguments given the files, what it reads and writes, options
/// that conflict, and, for a command whose output argument is a prefix, the suffix of the first file it writes.
/// </summary>
public sealed record CommandRow(string Name, Func<MatrixFiles, string[]> Args, Slot Uses, string[]? Conflicting = null, string WrittenSuffix = "", bool CreatesFolder = false)
{
    public override string ToString() => Name;
}

/// <summary>Where a case's files are; a failure class points one of them somewhere bad.</summary>
public sealed class MatrixFiles
{
    public string Model { get; set; } = "";

    public string Data { get; set; } = "";

    public string Dump { get; set; } = "";

    public string Torch { get; set; } = "";

    public string Output { get; set; } = "";

    /// <summary>What the command writes first at <see cref="Output"/> (the output itself, or a file named after that prefix).</summary>
    public string WrittenSuffix { get; set; } = "";

    public string Written => Output + WrittenSuffix;

    public string Path(Slot slot) => slot switch
    {
        Slot.Model => Model,
        Slot.Data => Data,
        Slot.Dump => Dump,
        Slot.Torch => Torch,
        _ => Output,
    };

    public void Set(Slot slot, string path)
    {
        switch (slot)
        {
            case Slot.Model: Model = path; break;
            case Slot.Data: Data = path; break;
            case Slot.Dump: Dump = path; break;
            case Slot.Torch: Torch = path; break;
            default: Output = path; break;
        }
    }
}

/// <summary>
/// One kind of failure: which files it can spoil, how, the exit code kan must give, and a word the one error
/// line must contain. <see cref="NeedsNonRoot"/> classes depend on file permissions that root ignores.
/// </summary>
public sealed record FailureClass(string Name, int ExitCode, Func<CommandRow, Slot, bool> Applies, Action<MatrixFiles, Slot, string> Spoil, Func<MatrixFiles, Slot, string> Mentions, bool NeedsNonRoot = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The failure matrix: every command x every failure class. <see cref="Commands"/> has one row per command;
/// a new command adds one row (its arguments, the files it uses, options that conflict) and one line to the
/// table in docs/cli.md, which <c>FailureMatrixTests</c> compares with <see cref="MarkdownTable"/>.
/// </summary>
public static class FailureMatrix
{
    public static readonly CommandRow[] Commands =
    {
        new("import-pykan", f => new[] { "import-pykan", f.Dump, "-o", f.Output }, Slot.Dump | Slot.Output),
        new("import-efficient-kan", f => new[] { "import-efficient-kan", f.Torch, "-o", f.Output }, Slot.Torch | Slot.Output),
        new("export-pykan", f => new[] { "export-pykan", f.Model, "-o", f.Output }, Slot.Model | Slot.Output, WrittenSuffix: "_config.yml", CreatesFolder: true),
        new("eval", f => new[] { "eval", f.Model, "-i", f.Data, "-o", f.Output }, Slot.Model | Slot.Data | Slot.Output),
        new("inspect", f => new[] { "inspect", f.Model }, Slot.Model),
        new("train", f => new[] { "train", "--data", f.Data, "--inputs", "x1,x2", "--outputs", "y1", "--width", "2,2,1", "--steps", "1", "-o", f.Output }, Slot.Data | Slot.Output, new[] { "--train-count", "10" }),
        new("refine", f => new[] { "refine", f.Model, "--grid", "4", "--data", f.Data, "-o", f.Output }, Slot.Model | Slot.Data | Slot.Output, new[] { "--formula", "toy" }),
        new("prune", f => new[] { "prune", f.Model, "--data", f.Data, "-o", f.Output }, Slot.Model | Slot.Data | Slot.Output, new[] { "--test-count", "10" }),
        new("symbolic suggest", f => new[] { "symbolic", "suggest", f.Model, "--edge", "0,0,0", "--lib", "x,sin", "--data", f.Data }, Slot.Model | Slot.Data, new[] { "--formula", "toy" }),
        new("symbolic auto", f => new[] { "symbolic", "auto", f.Model, "--lib", "x,sin", "--data", f.Data, "-o", f.Output }, Slot.Model | Slot.Data | Slot.Output, new[] { "--lr", "0.5" }),
        new("formula", f => new[] { "formula", f.Model }, Slot.Model),
        new("plot", f => new[] { "plot", f.Model, "--data", f.Data, "-o", f.Output }, Slot.Model | Slot.Data | Slot.Output, new[] { "--formula", "toy" }),
        new("fit", f => new[] { "fit", f.Model, "--data", f.Data, "--steps", "1", "-o", f.Output }, Slot.Model | Slot.Data | Slot.Output, new[] { "--train-count", "10" }),
        new("attribute", f => new[] { "attribute", f.Model, "--data", f.Data }, Slot.Model | Slot.Data, new[] { "--formula", "toy" }),
        new("symbolic fix", f => new[] { "symbolic", "fix", f.Model, "--edge", "0,0,0", "--fn", "sin", "--data", f.Data, "-o", f.Output }, Slot.Model | Slot.Data | Slot.Output, new[] { "--formula", "toy" }),
        new("symbolic unfix", f => new[] { "symbolic", "unfix", f.Model, "--edge", "0,0,0", "-o", f.Output }, Slot.Model | Slot.Output),
        new("discover", f => new[] { "discover", "--data", f.Data, "--time-limit", "5", "-o", f.Output }, Slot.Data | Slot.Output),
    };

    private static readonly Slot[] Inputs = { Slot.Model, Slot.Data, Slot.Dump, Slot.Torch };

    /// <summary>The spline order field of a .kan model and of a pykan dump's config (declared before <see cref="Classes"/>, which uses it).</summary>
    private static readonly Regex KField = new("\"k\":\\s*\\d+");

    public static readonly FailureClass[] Classes =
    {
        new("missing file", ExitCodes.BadInput, (c, s) => IsInput(c, s), (f, s, dir) => f.Set(s, Path.Combine(dir, "nope" + Path.GetExtension(f.Path(s)))), (f, s) => "does not exist"),
        new("folder instead of file", ExitCodes.BadInput, (c, s) => c.Uses.HasFlag(s) && s != Slot.None, (f, s, dir) =>
        {
            if (s == Slot.Output)
            {
                Directory.CreateDirectory(f.Written); // where the command would write its (first) file
                return;
            }

            string folder = Path.Combine(dir, "folder" + Path.GetExtension(f.Path(s)));
            Directory.CreateDirectory(folder);
            f.Set(s, folder);
        }, (f, s) => "folder"),
        new("unreadable file", ExitCodes.BadInput, (c, s) => IsInput(c, s), (f, s, dir) => SetMode(f.Path(s), UnixFileMode.None), (f, s) => "permission denied", NeedsNonRoot: true),
        new("read-only target file", ExitCodes.BadInput, (c, s) => s == Slot.Output && c.Uses.HasFlag(Slot.Output), (f, s, dir) =>
        {
            File.WriteAllText(f.Written, "an earlier result the user protected\n");
            File.SetAttributes(f.Written, FileAttributes.ReadOnly);
        }, (f, s) => "read-only"),
        new("read-only target folder", ExitCodes.BadInput, (c, s) => s == Slot.Output && c.Uses.HasFlag(Slot.Output), (f, s, dir) =>
        {
            string folder = Path.Combine(dir, "locked");
            Directory.CreateDirectory(folder);
            SetMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            f.Output = Path.Combine(folder, Path.GetFileName(f.Output));
        }, (f, s) => "does not accept new files", NeedsNonRoot: true),

        // /proc refuses new files even to root: the in-process stand-in for a read-only folder.
        new("read-only file system", ExitCodes.BadInput, (c, s) => s == Slot.Output && c.Uses.HasFlag(Slot.Output) && OperatingSystem.IsLinux(), (f, s, dir) => f.Output = Path.Combine("/proc", "kan-" + Path.GetFileName(f.Output)), (f, s) => "does not accept new files"),
        new("missing target folder", ExitCodes.BadInput, (c, s) => s == Slot.Output && c.Uses.HasFlag(Slot.Output) && !c.CreatesFolder, (f, s, dir) => f.Output = Path.Combine(dir, "no", "such", Path.GetFileName(f.Output)), (f, s) => "does not exist"),
        new("empty file", ExitCodes.BadInput, (c, s) => IsInput(c, s), (f, s, dir) => File.WriteAllText(f.Path(s), ""), (f, s) => Path.GetFileName(f.Path(s))),
        new("header only", ExitCodes.BadInput, (c, s) => s == Slot.Data && c.Uses.HasFlag(s), (f, s, dir) => File.WriteAllText(f.Data, "x1,x2,y1\n"), (f, s) => "no data rows"),
        new("bad cell", ExitCodes.BadInput, (c, s) => IsInput(c, s) && s != Slot.Torch, (f, s, dir) => Replace(f.Path(s), s == Slot.Data ? new Regex("(?m)^(?:[^,\\n]*),", RegexOptions.None) : KField, s == Slot.Data ? "abc," : "\"k\": \"three\""), (f, s) => Path.GetFileName(f.Path(s))),
        new("wrong column count", ExitCodes.BadInput, (c, s) => s == Slot.Data && c.Uses.HasFlag(s), (f, s, dir) => File.AppendAllText(f.Data, "0.5,0.25\n"), (f, s) => "expected 3 fields"),

        // eval evaluates NaN and infinite inputs (docs/cli.md); everywhere else a non-finite number is refused.
        new("NaN or infinity", ExitCodes.BadInput, (c, s) => IsInput(c, s) && s != Slot.Torch && !(s == Slot.Data && c.Name == "eval"), (f, s, dir) =>
            Replace(f.Path(s), s == Slot.Data ? new Regex("(?m)(?<=^[^\\n]*,[^,\\n]*,)[^,\\n]+$") : KField, s == Slot.Data ? "Infinity" : "\"k\": NaN"), (f, s) => Path.GetFileName(f.Path(s))),
        new("conflicting options", ExitCodes.Usage, (c, s) => s == Slot.None && c.Conflicting is not null, (f, s, dir) => { }, (f, s) => "--"),
    };

    /// <summary>The cases: command x class x the file the class spoils (or <see cref="Slot.None"/> for option classes).</summary>
    public static IEnumerable<(CommandRow Command, FailureClass Class, Slot Slot)> Cases(bool nonRoot) =>
        from c in Commands
        from k in Classes
        where k.NeedsNonRoot == nonRoot
        from s in Inputs.Append(Slot.Output).Append(Slot.None)
        where k.Applies(c, s)
        select (c, k, s);

    /// <summary>Good files in <paramref name="dir"/> for a case of <paramref name="command"/>; every row succeeds on them.</summary>
    public static MatrixFiles Create(string dir, CommandRow command)
    {
        var files = new MatrixFiles
        {
            Model = Path.Combine(dir, "model.kan"),
            Data = Path.Combine(dir, "data.csv"),
            Dump = Path.Combine(dir, "dump.json"),
            Torch = Path.Combine(dir, "state.pt"),
            Output = Path.Combine(dir, "out.result"),
            WrittenSuffix = command.WrittenSuffix,
        };
        File.WriteAllText(files.Model, ModelText.Value);
        File.Copy(CliRunner.Fixture("toy_spline.json"), files.Dump);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", "ekan_3_4_2_f32.pt"), files.Torch);
        var rows = new StringBuilder("x1,x2,y1\n");
        var random = new Random(7);
        for (int r = 0; r < 40; r++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            rows.Append(string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{Math.Exp(Math.Sin(Math.PI * a) + b * b):R}\n"));
        }

        File.WriteAllText(files.Data, rows.ToString());
        return files;
    }

    public static string[] Arguments(CommandRow command, FailureClass failure, MatrixFiles files) =>
        failure.Name == "conflicting options" ? command.Args(files).Concat(command.Conflicting!).ToArray() : command.Args(files);

    /// <summary>
    /// The table docs/cli.md shows: a row per command, a column per failure class, the exit code where the class
    /// applies to some file of the command (or its options) and "-" where it cannot arise.
    /// </summary>
    public static string MarkdownTable()
    {
        var classes = Classes.Where(k => k.Name != "read-only file system").ToArray();
        var text = new StringBuilder();
        text.Append("| command | ").Append(string.Join(" | ", classes.Select(k => k.Name))).Append(" |\n");
        text.Append("|---|").Append(string.Concat(classes.Select(_ => "---|"))).Append('\n');
        foreach (CommandRow c in Commands)
        {
            text.Append("| `").Append(c.Name).Append("` | ");
            text.Append(string.Join(" | ", classes.Select(k => Inputs.Append(Slot.Output).Append(Slot.None).Any(s => k.Applies(c, s)) ? k.ExitCode.ToString(CultureInfo.InvariantCulture) : "-")));
            text.Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>Every file under <paramref name="dir"/> with its bytes and permissions, to prove a failed command changed nothing.</summary>
    public static SortedDictionary<string, string> Snapshot(string dir)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories))
        {
            string key = Path.GetRelativePath(dir, entry);
            string mode = OperatingSystem.IsWindows() ? File.GetAttributes(entry).ToString() : File.GetUnixFileMode(entry).ToString();
            files[key] = Directory.Exists(entry) ? "folder " + mode : mode + " " + Convert.ToHexString(ReadBytes(entry));
        }

        return files;
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            return Array.Empty<byte>(); // an unreadable input (the test runs as a user it denies)
        }
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static bool IsInput(CommandRow c, Slot s) => s is Slot.Model or Slot.Data or Slot.Dump or Slot.Torch && c.Uses.HasFlag(s);

    private static void Replace(string path, Regex pattern, string replacement)
    {
        string text = File.ReadAllText(path);
        string spoiled = pattern.Replace(text, replacement, 1, pattern == KField ? 0 : text.IndexOf('\n') + 1);
        spoiled.ShouldNotBe(text, "the failure class must change " + path);
        File.WriteAllText(path, spoiled);
    }

    private static readonly Lazy<string> ModelText = new(() =>
        Kan.Format.KanFile.ToText(Kan.Interop.PykanImporter.Read(CliRunner.Fixture("toy_spline.json"))));
}
