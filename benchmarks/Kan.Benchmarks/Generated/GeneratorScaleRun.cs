extern alias gen;
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Kan.Benchmarks.Evaluation;
using Kan.Format;

namespace Kan.Benchmarks.Generated
{
    /// <summary>
    /// `generator-scale`: what a model's size costs a real project. For each model (seeded random, pykan's layout) a
    /// throw-away library project under the temp folder references the built generator as an analyzer, as the
    /// package does; then: a full `dotnet build` (after an untimed restore), an edit to another .cs file and the
    /// rebuild, the generated source size, the strategy, and the time per single Predict of the built assembly
    /// (process CPU time over random rows after warm-up, so a loaded machine distorts it less than wall time). A
    /// project without a model gives the baseline edit time. Because wall times on a shared machine swing widely,
    /// the generator's run and the C# compilation of its output (single-threaded, Release) are also timed in this
    /// process as CPU seconds: what the model adds to every build of the project.
    /// Optional argument: "quick" leaves out the MNIST-sized model.
    /// </summary>
    public sealed class GeneratorScaleRun : INamedRun
    {
        public string Name => "generator-scale";

        public string Description => "build time, edit-rebuild time, source size, strategy and ns per Predict for models up to [784,32,10] G=5";

        public int Run(string[] args)
        {
            var cases = new (int[] Widths, int G)[] { (new[] { 2, 5, 1 }, 5), (new[] { 8, 16, 1 }, 10), (new[] { 16, 32, 1 }, 3), (new[] { 32, 32, 4 }, 10), (new[] { 784, 32, 10 }, 5) };
            if (args.Contains("quick"))
            {
                cases = cases.Take(cases.Length - 1).ToArray();
            }

            string generator = typeof(gen::Kan.Generator.KanGenerator).Assembly.Location;
            string props = FindProps();

            Console.WriteLine("| model | terms | strategy | generated source | generator (CPU s) | compiling its output (CPU s) | full build (s) | rebuild after another file's edit (s) | ns per Predict (CPU) |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            double baseline = Measure(generator, props, null, 0, out _, out _, out _, out _);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| (no model) | 0 | - | - | - | - | - | {0:F1} | - |", baseline));
            bool ok = true;
            foreach (var (widths, g) in cases)
            {
                KanModel model = SplineModels.Create(widths, g, k: 3, seed: 1);
                long terms = model.Layers.Sum(l => (long)l.Mask.Length * (l.KnotCount - 1) * (l.K + 1));
                var (generating, compiling) = InProcess(model);
                double edit = Measure(generator, props, model, g, out double full, out long size, out string strategy, out double ns);
                ok &= ns > 0;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| [{0}] G={1} | {2:N0} | {3} | {4:F2} MB | {5:F2} | {6:F2} | {7:F1} | {8:F1} | {9:F1} |",
                    string.Join(",", widths), g, terms, strategy, size / 1e6, generating, compiling, full, edit, ns));
            }

            return ok ? 0 : 1;
        }

        private static double Measure(string generator, string props, KanModel? model, int g, out double full, out long size, out string strategy, out double ns)
        {
            string dir = Path.Combine(Path.GetTempPath(), "kan-scale-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "Consumer.csproj"),
                    "<Project Sdk=\"Microsoft.NET.Sdk\">\n" +
                    "  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles><NoWarn>$(NoWarn);KAN0003</NoWarn></PropertyGroup>\n" +
                    "  <Import Project=\"" + props + "\" />\n" +
                    "  <ItemGroup><Analyzer Include=\"" + generator + "\" /></ItemGroup>\n" +
                    "</Project>\n");
                string other = Path.Combine(dir, "Other.cs");
                File.WriteAllText(other, "namespace Consumer { public static class Other { public static int Value => 1; } }\n");
                if (model is not null)
                {
                    File.WriteAllText(Path.Combine(dir, "model.kan"), KanFile.ToText(model));
                }

                Dotnet(dir, "restore");
                full = Dotnet(dir, "build --no-restore -c Release -nologo -v q");
                File.WriteAllText(other, "namespace Consumer { public static class Other { public static int Value => 2; } }\n");
                double edit = Dotnet(dir, "build --no-restore -c Release -nologo -v q");
                size = 0;
                strategy = "-";
                ns = 0;
                if (model is not null)
                {
                    string source = Directory.GetFiles(Path.Combine(dir, "obj"), "*.g.cs", SearchOption.AllDirectories).Single(f => f.Contains("Kan.Generator"));
                    size = new FileInfo(source).Length;
                    strategy = File.ReadAllText(source).Contains("= Data(\"") ? "table" : "unrolled";
                    ns = TimePredict(Path.Combine(dir, "bin", "Release", "net10.0", "Consumer.dll"), model);
                }

                return edit;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        // CPU seconds of one generator run (fresh driver) and of emitting the compilation it produced, single-threaded.
        private static (double Generator, double Compile) InProcess(KanModel model)
        {
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Select(p => Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(p)).ToArray();
            var options = new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: Microsoft.CodeAnalysis.OptimizationLevel.Release, concurrentBuild: false, nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable);
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Scale", Array.Empty<Microsoft.CodeAnalysis.SyntaxTree>(), references, options);
            string text = KanFile.ToText(model);
            var process = Process.GetCurrentProcess();
            TimeSpan cpu0 = process.TotalProcessorTime;
            Microsoft.CodeAnalysis.GeneratorDriver driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new gen::Kan.Generator.KanGenerator())
                .AddAdditionalTexts(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.AdditionalText>(new ModelText("/m/model.kan", text)));
            driver.RunGeneratorsAndUpdateCompilation(compilation, out Microsoft.CodeAnalysis.Compilation output, out _);
            process.Refresh();
            TimeSpan cpu1 = process.TotalProcessorTime;
            using var stream = new MemoryStream();
            if (!output.Emit(stream).Success)
            {
                throw new InvalidOperationException("the generated code did not compile");
            }

            process.Refresh();
            return ((cpu1 - cpu0).TotalSeconds, (process.TotalProcessorTime - cpu1).TotalSeconds);
        }

        private sealed class ModelText(string path, string text) : Microsoft.CodeAnalysis.AdditionalText
        {
            public override string Path { get; } = path;

            public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
        }

        private static double TimePredict(string assemblyPath, KanModel model)
        {
            var context = new AssemblyLoadContext("scale", isCollectible: true);
            try
            {
                Assembly assembly = context.LoadFromStream(new MemoryStream(File.ReadAllBytes(assemblyPath)));
                var predict = assembly.GetType("Consumer.Model")!.GetMethod("Predict", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<Action<double[], double[]>>();
                var rng = new Random(1);
                const int Rows = 200_000;
                double[][] rows = Enumerable.Range(0, 1024).Select(_ => Enumerable.Range(0, model.InputCount).Select(_ => rng.NextDouble() * 2 - 1).ToArray()).ToArray();
                var output = new double[model.OutputCount];
                int warm = Math.Max(1000, Rows / Math.Max(1, model.InputCount));
                for (int r = 0; r < warm; r++)
                {
                    predict(rows[r & 1023], output);
                }

                int count = Math.Max(2000, Rows / Math.Max(1, model.InputCount / 8));
                var process = Process.GetCurrentProcess();
                TimeSpan cpu0 = process.TotalProcessorTime;
                for (int r = 0; r < count; r++)
                {
                    predict(rows[r & 1023], output);
                }

                process.Refresh();
                return (process.TotalProcessorTime - cpu0).TotalMilliseconds * 1e6 / count;
            }
            finally
            {
                context.Unload();
            }
        }

        private static double Dotnet(string dir, string arguments)
        {
            var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            var watch = Stopwatch.StartNew();
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            watch.Stop();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet " + arguments + " failed in " + dir + ":\n" + output);
            }

            return watch.Elapsed.TotalSeconds;
        }

        private static string FindProps()
        {
            for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "src", "Kan.Generator", "build", "Kan.Generator.props");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("src/Kan.Generator/build/Kan.Generator.props not found above " + AppContext.BaseDirectory);
        }
    }
}
