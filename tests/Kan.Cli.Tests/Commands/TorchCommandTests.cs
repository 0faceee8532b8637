using System;
using System.IO;
using System.Linq;
using Kan.Format;
using Kan.Interop;

namespace Kan.Cli.Tests.Commands;

/// <summary><c>kan import-pykan</c> on what pykan writes, <c>kan import-efficient-kan</c>, and <c>kan export-pykan</c>.</summary>
public class TorchCommandTests
{
    private static string Torch(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", name);

    [Fact]
    public void A_checkpoint_imports_from_its_prefix_either_file_or_an_auto_save_folder()
    {
        using var cli = new CliRunner();
        var fromPrefix = cli.Run("import-pykan", Torch("pykan_toy_f64"), "-o", cli.PathOf("a.kan"));
        fromPrefix.ExitCode.ShouldBe(0, fromPrefix.Stderr);
        fromPrefix.Stdout.ShouldBe("wrote " + cli.PathOf("a.kan") + " from " + Torch("pykan_toy_f64_config.yml") + " + " + Torch("pykan_toy_f64_state") + ": [2, 5, 1], 2 input(s), 1 output(s)\n".ReplaceLineEndings());
        fromPrefix.Stderr.ShouldBeEmpty("a float64 checkpoint needs no note");
        KanModel expected = KanFile.Read(cli.PathOf("a.kan"));

        cli.Run("import-pykan", Torch("pykan_toy_f64_config.yml"), "-o", cli.PathOf("b.kan")).ExitCode.ShouldBe(0);
        cli.Run("import-pykan", Torch("pykan_toy_f64_state"), "-o", cli.PathOf("c.kan")).ExitCode.ShouldBe(0);
        KanFile.Read(cli.PathOf("b.kan")).Layers.ShouldBe(expected.Layers);
        KanFile.Read(cli.PathOf("c.kan")).Layers.ShouldBe(expected.Layers);

        // pykan's auto_save folder: versions <round>.<id>_*, the newest named last in history.txt.
        string folder = Path.Combine(cli.Directory, "model");
        Directory.CreateDirectory(folder);
        foreach (var (version, fixture) in new[] { ("0.0", "pykan_mult_sym_f32"), ("0.1", "pykan_toy_f64"), ("0.2", "pykan_mult_sym_f32") })
        {
            File.Copy(Torch(fixture + "_config.yml"), Path.Combine(folder, version + "_config.yml"));
            File.Copy(Torch(fixture + "_state"), Path.Combine(folder, version + "_state"));
        }

        File.WriteAllText(Path.Combine(folder, "history.txt"), "### Round 0 ###\ninit => 0.0\n0.0 => fit => 0.1\n");
        var newest = cli.Run("import-pykan", folder, "-o", cli.PathOf("d.kan"));
        newest.ExitCode.ShouldBe(0, newest.Stderr);
        newest.Stdout.ShouldContain(Path.Combine(folder, "0.1_state"));
        KanFile.Read(cli.PathOf("d.kan")).Layers.ShouldBe(expected.Layers);

        var chosen = cli.Run("import-pykan", folder, "--version", "0.2", "-o", cli.PathOf("e.kan"));
        chosen.ExitCode.ShouldBe(0, chosen.Stderr);
        KanFile.Read(cli.PathOf("e.kan")).Layers[0].MultArity.ShouldBe(new[] { 2, 2 });

        var missing = cli.Run("import-pykan", folder, "--version", "3.1", "-o", cli.PathOf("f.kan"));
        (missing.ExitCode, missing.Stderr).ShouldBe((1, "kan: error: the pykan folder '" + folder + "' has no version 3.1 ('" + Path.Combine(folder, "3.1") + "_config.yml' does not exist)\n".ReplaceLineEndings()));
    }

    [Fact]
    public void A_float32_checkpoint_notes_the_widening()
    {
        using var cli = new CliRunner();
        var r = cli.Run("import-pykan", Torch("pykan_mult_sym_f32"), "-o", cli.PathOf("m.kan"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldStartWith("note: the file stores float32 parameters, widened exactly to double; the model's own float32 outputs in PyTorch differ");
        KanFile.Read(cli.PathOf("m.kan")).Metadata.ShouldContain(kv => kv.Key == "note" && kv.Value.Contains("float32", StringComparison.Ordinal));
    }

    [Fact]
    public void Input_id_supplies_the_columns_a_pruned_model_reads()
    {
        using var cli = new CliRunner();
        var r = cli.Run("import-pykan", Torch("pykan_toy_f64"), "--input-id", "0,2", "-o", cli.PathOf("ids.kan"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        KanModel model = KanFile.Read(cli.PathOf("ids.kan"));
        model.InputCount.ShouldBe(3);
        model.InputIds.ShouldBe(new[] { 0, 2 });

        cli.Run("import-pykan", Torch("pykan_toy_f64"), "--input-id", "2,0", "--input-count", "5", "-o", cli.PathOf("ids5.kan")).ExitCode.ShouldBe(0);
        KanFile.Read(cli.PathOf("ids5.kan")).InputCount.ShouldBe(5);

        var bad = cli.Run("import-pykan", Torch("pykan_toy_f64"), "--input-id", "0,x", "-o", cli.PathOf("bad.kan"));
        (bad.ExitCode, bad.Stderr).ShouldBe((2, "kan: error: --input-id '0,x' must list whole numbers separated by commas, e.g. 0,2\n".ReplaceLineEndings()));
        var wrongCount = cli.Run("import-pykan", Torch("pykan_toy_f64"), "--input-id", "0,1,2", "-o", cli.PathOf("bad.kan"));
        (wrongCount.ExitCode, wrongCount.Stderr).ShouldBe((2, "kan: error: --input-id lists 3 column(s) but the model's first layer reads 2\n".ReplaceLineEndings()));
        File.Exists(cli.PathOf("bad.kan")).ShouldBeFalse();
    }

    [Fact]
    public void What_is_not_a_pykan_checkpoint_gets_one_clear_line()
    {
        using var cli = new CliRunner();
        var nothing = cli.Run("import-pykan", cli.PathOf("nope"), "-o", cli.PathOf("x.kan"));
        (nothing.ExitCode, nothing.Stderr).ShouldBe((1, "kan: error: '" + cli.PathOf("nope") + "' does not exist (nor '" + cli.PathOf("nope") + "_config.yml')\n".ReplaceLineEndings()));
        var folder = cli.Run("import-pykan", cli.Directory, "-o", cli.PathOf("x.kan"));
        folder.Stderr.ShouldBe("kan: error: '" + cli.Directory + "' is a folder without pykan's history.txt; pass a checkpoint prefix, its _config.yml or _state file, or --version\n".ReplaceLineEndings());
        var ekan = cli.Run("import-pykan", Torch("ekan_3_4_2_f32.pt"), "-o", cli.PathOf("x.kan"));
        ekan.Stderr.ShouldContain("an efficient-kan state dict imports with 'kan import-efficient-kan'");
        var module = cli.Run("import-efficient-kan", Torch("ekan_whole_module.pt"), "-o", cli.PathOf("x.kan"));
        (module.ExitCode, module.Stdout).ShouldBe((1, string.Empty));
        module.Stderr.ShouldContain("refused the Python global 'efficient_kan.kan.KAN'");
        module.Stderr.ShouldContain("torch.save(model.state_dict(), PATH)");
        module.Stderr.Trim().Split('\n').Length.ShouldBe(1);
        File.Exists(cli.PathOf("x.kan")).ShouldBeFalse();
    }

    [Fact]
    public void Efficient_kan_takes_names_and_base_function()
    {
        using var cli = new CliRunner();
        var r = cli.Run("import-efficient-kan", Torch("ekan_3_4_2_f32.pt"), "--inputs", "a,b,c", "--outputs", "u,v", "--base", "identity", "-o", cli.PathOf("e.kan"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain(": [3, 4, 2], 3 input(s), 2 output(s)");
        KanModel model = KanFile.Read(cli.PathOf("e.kan"));
        model.InputNames.ShouldBe(new[] { "a", "b", "c" });
        model.OutputNames.ShouldBe(new[] { "u", "v" });
        model.Layers.ShouldAllBe(l => l.BaseFunction == BaseFunction.Identity && l.K == 3 && l.GridIntervals == 5);

        var wrong = cli.Run("import-efficient-kan", Torch("ekan_3_4_2_f32.pt"), "--inputs", "a,b", "-o", cli.PathOf("w.kan"));
        (wrong.ExitCode, wrong.Stderr).ShouldBe((2, "kan: error: --inputs lists 2 name(s) but the model has 3\n".ReplaceLineEndings()));
        cli.Run("import-efficient-kan", Torch("ekan_3_4_2_f32.pt"), "--base", "gelu", "-o", cli.PathOf("w.kan")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Export_pykan_writes_a_checkpoint_that_imports_back()
    {
        using var cli = new CliRunner();
        cli.Run("import-efficient-kan", Torch("ekan_3_4_2_f32.pt"), "-o", cli.PathOf("e.kan")).ExitCode.ShouldBe(0);
        string prefix = Path.Combine(cli.Directory, "out", "ekan");
        var r = cli.Run("export-pykan", cli.PathOf("e.kan"), "-o", prefix);
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldBe("wrote " + prefix + "_config.yml, " + prefix + "_state, " + prefix + "_cache_data (load in Python with KAN.loadckpt('" + prefix + "'))\n".ReplaceLineEndings());
        cli.Run("import-pykan", prefix, "-o", cli.PathOf("back.kan")).ExitCode.ShouldBe(0);
        KanFile.Read(cli.PathOf("back.kan")).Layers.ShouldBe(KanFile.Read(cli.PathOf("e.kan")).Layers);

        cli.Run("import-pykan", Torch("pykan_toy_f64"), "--input-id", "0,2", "-o", cli.PathOf("ids.kan")).ExitCode.ShouldBe(0);
        var refused = cli.Run("export-pykan", cli.PathOf("ids.kan"), "-o", cli.PathOf("ids"));
        (refused.ExitCode, refused.Stderr).ShouldBe((1, "kan: error: cannot export to pykan: it reads selected input columns (input_ids), which a pykan checkpoint does not store\n".ReplaceLineEndings()));
        Directory.GetFiles(cli.Directory, "ids_*").ShouldBeEmpty();
    }
}
