extern alias gen;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using KanGenerator = gen::Kan.Generator.KanGenerator;

namespace Kan.Generator.Tests.Support;

/// <summary>One .kan file for a generator run: path, text and item metadata (e.g. KanClassName).</summary>
public sealed record KanSource(string Path, string Text, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>Drives the generator the way the compiler does and compiles its output in memory.</summary>
public static class GeneratorHarness
{
    /// <summary>
    /// Latest C# with <c>NET9_0_OR_GREATER</c> defined, as the SDK defines it for the net9+ projects these tests
    /// stand for, so the vector batch path is compiled and run; the netstandard2.0 / C# 9 test parses without it.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET9_0_OR_GREATER" });

    private static readonly Lazy<MetadataReference[]> RuntimeReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    public static MetadataReference[] NetReferences => RuntimeReferences.Value;

    public static string NetStandardReferencePath => Metadata("NetStandardReference");

    /// <summary>netstandard2.1's reference assembly (Unity's API level): spans and MathF.</summary>
    public static string NetStandard21ReferencePath => Metadata("NetStandard21Reference");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static CSharpGeneratorDriver CreateDriver(IEnumerable<KanSource> files, string? rootNamespace = "Generated", bool trackSteps = false, long? tableModeThreshold = null)
    {
        var list = files.ToList();
        var global = new Dictionary<string, string>();
        if (tableModeThreshold is not null)
        {
            global["build_property.KanTableModeThreshold"] = tableModeThreshold.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (rootNamespace is not null)
        {
            global["build_property.RootNamespace"] = rootNamespace;
        }

        var perFile = list.Where(f => f.Metadata is not null).ToDictionary(
            f => f.Path,
            f => (IReadOnlyDictionary<string, string>)f.Metadata!.ToDictionary(kv => "build_metadata.AdditionalFiles." + kv.Key, kv => kv.Value));
        return CreateDriver(list.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)), new DictionaryOptionsProvider(global, perFile), trackSteps);
    }

    public static CSharpGeneratorDriver CreateDriver(IEnumerable<AdditionalText> texts, DictionaryOptionsProvider options, bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            new[] { new KanGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static CSharpCompilation EmptyCompilation(IEnumerable<MetadataReference>? references = null, string name = "GeneratedModels") =>
        CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText("namespace Placeholder { internal static class Empty { } }", ParseOptions) },
            references ?? NetReferences,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the generator over <paramref name="files"/>; returns the result and the compilation with the generated trees.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(IEnumerable<KanSource> files, string? rootNamespace = "Generated", Compilation? compilation = null, long? tableModeThreshold = null)
    {
        GeneratorDriver driver = CreateDriver(files, rootNamespace, tableModeThreshold: tableModeThreshold);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation ?? EmptyCompilation(), out Compilation output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>Emits <paramref name="compilation"/>, failing with every error, and loads it.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        var problems = emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        problems.ShouldBeEmpty(string.Join("\n", problems.Take(20)));
        emit.Success.ShouldBeTrue();
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>The errors and warnings <paramref name="compilation"/> has (generated code must have none).</summary>
    public static List<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    private static string Metadata(string key) =>
        typeof(GeneratorHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
