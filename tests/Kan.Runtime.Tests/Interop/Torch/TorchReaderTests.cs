using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kan.Interop.Torch;

namespace Kan.Runtime.Tests.Interop.Torch;

/// <summary>Files written by torch 1.13 (tools/torch_fixtures) read back to the values torch itself reports.</summary>
public class TorchReaderTests
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", name);

    [Theory]
    [InlineData("dtypes_p2.pt")]
    [InlineData("dtypes_p3.pt")]
    [InlineData("dtypes_p4.pt")]
    [InlineData("dtypes_p5.pt")]
    public void Every_dtype_view_and_protocol_reads_as_torch_reports(string file)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(FixturePath("dtypes.json")));
        var sd = TorchFile.ReadStateDict(FixturePath(file));
        var names = expected.RootElement.GetProperty("tensors").EnumerateObject().Select(p => p.Name).ToList();
        sd.Tensors.Select(t => t.Key).ShouldBe(names);
        foreach (var p in expected.RootElement.GetProperty("tensors").EnumerateObject())
        {
            sd.TryGet(p.Name, out var tensor).ShouldBeTrue();
            tensor.Shape.ShouldBe(p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), p.Name);
            tensor.Values.ShouldBe(p.Value.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()), p.Name);
        }

        sd.TryGet("bf16", out var bf16).ShouldBeTrue();
        bf16.DType.ShouldBe(TorchDType.BFloat16);
        sd.TryGet("view_offset", out var view).ShouldBeTrue();
        view.DType.ShouldBe(TorchDType.Float64);
    }

    [Theory]
    [InlineData("pykan_toy_f64_state", TorchDType.Float64)]
    [InlineData("pykan_mult_sym_f32_state", TorchDType.Float32)]
    [InlineData("ekan_3_4_2_f32.pt", TorchDType.Float32)]
    public void Real_state_dicts_read(string file, TorchDType dtype)
    {
        var sd = TorchFile.ReadStateDict(FixturePath(file));
        sd.Tensors.Length.ShouldBeGreaterThan(5);
        sd.DTypes.ShouldContain(dtype);
    }

    [Fact]
    public void Torch_2_archives_read_extra_entries_metadata_and_parameter_state()
    {
        // torch 2.x adds byteorder, .data/serialization_id, .format_version and .storage_alignment entries, passes a
        // 7th (metadata) argument to _rebuild_tensor_v2, and may rebuild parameters with _rebuild_parameter_with_state.
        var storage = new byte[24];
        for (int i = 0; i < 3; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(storage.AsSpan(i * 8), i + 0.5);
        }

        byte[] pickle = HostileTorchFiles.Pickle(
            HostileTorchFiles.Global("collections", "OrderedDict"), ')', 'R', '(',
            "w", HostileTorchFiles.Global("torch._utils", "_rebuild_parameter_with_state"), '(',
            HostileTorchFiles.Global("torch._utils", "_rebuild_tensor_v2"), '(',
            '(', "storage", HostileTorchFiles.Global("torch", "DoubleStorage"), "0", "cpu", 3, 't', 'Q',
            1, 2, (byte)0x85, 1, (byte)0x85, (byte)0x89, HostileTorchFiles.Global("collections", "OrderedDict"), ')', 'R', '}', 't', 'R',
            (byte)0x88, HostileTorchFiles.Global("collections", "OrderedDict"), ')', 'R', '}', 't', 'R',
            'u', '}', "_metadata", '}', 's', 'b', '.');
        byte[] file = HostileTorchFiles.Zip(
            pickle,
            ("data/0", storage),
            ("byteorder", System.Text.Encoding.ASCII.GetBytes("little")),
            (".data/serialization_id", System.Text.Encoding.ASCII.GetBytes("1234567890")),
            (".format_version", System.Text.Encoding.ASCII.GetBytes("1")),
            (".storage_alignment", System.Text.Encoding.ASCII.GetBytes("64")));
        using var stream = new MemoryStream(file);
        TorchFile.ReadStateDict(stream, "torch2.pt").Values("w", 2).ShouldBe(new[] { 1.5, 2.5 });
    }

    [Fact]
    public void Shape_mismatch_names_the_tensor()
    {
        var sd = TorchFile.ReadStateDict(FixturePath("ekan_3_4_2_f32.pt"));
        var e = Should.Throw<TorchFormatException>(() => sd.Values("layers.0.base_weight", 4, 2));
        e.Message.ShouldBe(FixturePath("ekan_3_4_2_f32.pt") + ": tensor 'layers.0.base_weight' has shape [4, 3], expected [4, 2]");
        Should.Throw<TorchFormatException>(() => sd.Values("layers.9.grid", -1)).Detail.ShouldBe("the state dict has no tensor 'layers.9.grid'");
    }
}
