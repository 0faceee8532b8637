using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Kan.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kan.Engines.Tests.Support;

/// <summary>
/// Compiles the way Unity 6 does: the built Kan.Generator.dll, loaded from disk, run by this project's Roslyn (4.3.1)
/// over additional files with no item metadata and no MSBuild properties, then C# 9 against netstandard2.1.
/// </summary>
public static class EngineCompiler
{
    public static readonly CSharpParseOptions CSharp9 = new(LanguageVersion.CSharp9);

    private static readonly Lazy<Assembly> Generator = new(() => Assembly.LoadFrom(GeneratorPath));

    public static string GeneratorPath => Metadata("GeneratorPath");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static MetadataReference NetStandard21 { get; } = MetadataReference.CreateFromFile(Metadata("NetStandard21Reference"));

    public static MetadataReference NetStandard20 { get; } = MetadataReference.CreateFromFile(Metadata("NetStandard20Reference"));

    public static Assembly GeneratorAssembly => Generator.Value;

    public static IIncrementalGenerator CreateGenerator() =>
        (IIncrementalGenerator)Activator.CreateInstance(GeneratorAssembly.GetType("Kan.Generator.KanGenerator", throwOnError: true)!)!;

    /// <summary>
    /// Runs the generator over <paramref name="files"/> (path, text) and compiles <paramref name="sources"/> with its
    /// output against <paramref name="references"/>; returns the generator's diagnostics and the compilation.
    /// </summary>
    public static (IReadOnlyList<Diagnostic> GeneratorDiagnostics, Compilation Output) Run(
        IEnumerable<(string Path, string Text)> files,
        IEnumerable<MetadataReference> references,
        IEnumerable<string>? sources = null,
        string assemblyName = "EngineScripts",
        IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var trees = (sources ?? Array.Empty<string>()).Select(s => CSharpSyntaxTree.ParseText(s, CSharp9)).ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        var options = new DictionaryOptionsProvider(
            buildProperties ?? new Dictionary<string, string>(),
            new Dictionary<string, IReadOnlyDictionary<string, string>>());
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { CreateGenerator().AsSourceGenerator() },
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
            CSharp9,
            options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);
        return (diagnostics, output);
    }

    /// <summary>Every warning and error of <paramref name="compilation"/>, as text for a failure message.</summary>
    public static List<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Emits <paramref name="compilation"/> (it must be clean) into <paramref name="context"/>.</summary>
    public static Assembly Load(Compilation compilation, AssemblyLoadContext context)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics.Take(20)));
        stream.Position = 0;
        return context.LoadFromStream(stream);
    }

    private static string Metadata(string key) =>
        typeof(EngineCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
