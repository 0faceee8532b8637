using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Kan.Interop.Torch
{
    /// <summary>Emits the protocol-2 pickle opcodes a state dict needs, as torch.save writes them.</summary>
    internal sealed class PickleWriter
    {
        private readonly MemoryStream _out = new MemoryStream();

        public PickleWriter()
        {
            _out.WriteByte(0x80); // PROTO 2
            _out.WriteByte(2);
        }

        public void Mark() => _out.WriteByte((byte)'(');

        public void Tuple() => _out.WriteByte((byte)'t');

        public void EmptyTuple() => _out.WriteByte((byte)')');

        public void Reduce() => _out.WriteByte((byte)'R');

        public void SetItems() => _out.WriteByte((byte)'u');

        public void PersistentId() => _out.WriteByte((byte)'Q');

        public void None() => _out.WriteByte((byte)'N');

        public void Bool(bool value) => _out.WriteByte(value ? (byte)0x88 : (byte)0x89);

        public void Global(string module, string name)
        {
            _out.WriteByte((byte)'c');
            byte[] text = Encoding.ASCII.GetBytes(module + "\n" + name + "\n");
            _out.Write(text, 0, text.Length);
        }

        public void Int(int value)
        {
            _out.WriteByte((byte)'J'); // BININT
            var b = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, value);
            _out.Write(b, 0, 4);
        }

        public void String(string value)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            _out.WriteByte((byte)'X'); // BINUNICODE
            var b = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, utf8.Length);
            _out.Write(b, 0, 4);
            _out.Write(utf8, 0, utf8.Length);
        }

        /// <summary>The finished program, ending in STOP.</summary>
        public byte[] Finish()
        {
            _out.WriteByte((byte)'.');
            return _out.ToArray();
        }
    }
}
