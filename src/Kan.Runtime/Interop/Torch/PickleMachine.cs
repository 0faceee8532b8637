using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Kan.Interop.Torch
{
    /// <summary>
    /// Interprets a pickle (protocols 2 to 5) as data. A pickle is a program for a stack machine that may import and
    /// call any Python global; this machine knows only the opcodes a state dict uses, resolves globals through the
    /// allowlist (<see cref="TorchGlobals"/>) and applies the few allowed ones itself. It never loads code, and every
    /// length the program claims is checked against the bytes that are left before anything is allocated.
    /// </summary>
    internal sealed class PickleMachine
    {
        private readonly byte[] _code;
        private readonly string _fileName;
        private readonly string _entry;
        private readonly Func<PyTuple, Func<string, Exception>, object> _persistentLoad;
        private readonly Func<PyGlobal, PyTuple, Func<string, Exception>, object> _call;
        private readonly List<object> _stack = new List<object>();
        private readonly Stack<int> _marks = new Stack<int>();
        private readonly Dictionary<long, object> _memo = new Dictionary<long, object>();
        private int _pos;
        private int _opStart;

        public PickleMachine(
            byte[] code,
            string fileName,
            string entry,
            Func<PyTuple, Func<string, Exception>, object> persistentLoad,
            Func<PyGlobal, PyTuple, Func<string, Exception>, object> call)
        {
            _code = code;
            _fileName = fileName;
            _entry = entry;
            _persistentLoad = persistentLoad;
            _call = call;
        }

        /// <summary>Runs the program to its STOP and returns the value it built.</summary>
        public object Run()
        {
            while (true)
            {
                _opStart = _pos;
                byte op = ReadByte();
                switch (op)
                {
                    case 0x80: // PROTO
                        byte protocol = ReadByte();
                        if (protocol < 2 || protocol > 5)
                        {
                            throw Error("pickle protocol " + protocol + " is not supported (torch writes 2 by default; 2 to 5 are read)");
                        }

                        break;
                    case 0x95: // FRAME: a length hint only
                        Take(8);
                        break;
                    case (byte)'.': // STOP
                        object result = Pop();
                        if (_stack.Count != 0 || _marks.Count != 0)
                        {
                            throw Error("the pickle stops with " + _stack.Count + " value(s) still on its stack");
                        }

                        return result;
                    case (byte)'(': // MARK
                        _marks.Push(_stack.Count);
                        break;
                    case (byte)'0': // POP
                        if (_marks.Count > 0 && _marks.Peek() == _stack.Count)
                        {
                            _marks.Pop();
                        }
                        else
                        {
                            Pop();
                        }

                        break;
                    case (byte)'1': // POP_MARK
                        PopMark();
                        break;
                    case (byte)'2': // DUP
                        Push(Peek());
                        break;
                    case (byte)'N':
                        Push(PyNone.Value);
                        break;
                    case 0x88: // NEWTRUE
                        Push(true);
                        break;
                    case 0x89: // NEWFALSE
                        Push(false);
                        break;
                    case (byte)'K': // BININT1
                        Push((long)ReadByte());
                        break;
                    case (byte)'M': // BININT2
                        Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2)));
                        break;
                    case (byte)'J': // BININT
                        Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4)));
                        break;
                    case 0x8a: // LONG1
                        Push(Long(ReadByte()));
                        break;
                    case 0x8b: // LONG4
                        Push(Long(Length(BinaryPrimitives.ReadInt32LittleEndian(Take(4)))));
                        break;
                    case (byte)'G': // BINFLOAT (big-endian)
                        Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8)));
                        break;
                    case (byte)'X': // BINUNICODE
                        Push(Utf8(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))));
                        break;
                    case 0x8c: // SHORT_BINUNICODE
                        Push(Utf8(ReadByte()));
                        break;
                    case 0x8d: // BINUNICODE8
                        Push(Utf8(Length(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))));
                        break;
                    case (byte)'B': // BINBYTES
                        Push(Take(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))).ToArray());
                        break;
                    case (byte)'C': // SHORT_BINBYTES
                        Push(Take(ReadByte()).ToArray());
                        break;
                    case 0x8e: // BINBYTES8
                    case 0x96: // BYTEARRAY8
                        Push(Take(Length(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))).ToArray());
                        break;
                    case (byte)')': // EMPTY_TUPLE
                        Push(new PyTuple(Array.Empty<object>()));
                        break;
                    case 0x85: // TUPLE1
                    case 0x86: // TUPLE2
                    case 0x87: // TUPLE3
                        int n = op - 0x84;
                        if (_stack.Count - StackFloor() < n)
                        {
                            throw Error("TUPLE" + n + " needs " + n + " value(s) on the stack");
                        }

                        var items = _stack.GetRange(_stack.Count - n, n).ToArray();
                        _stack.RemoveRange(_stack.Count - n, n);
                        Push(new PyTuple(items));
                        break;
                    case (byte)'t': // TUPLE
                        Push(new PyTuple(PopMark().ToArray()));
                        break;
                    case (byte)']': // EMPTY_LIST
                        Push(new List<object>());
                        break;
                    case (byte)'l': // LIST
                        Push(PopMark());
                        break;
                    case (byte)'a': // APPEND
                        object item = Pop();
                        AsList(Peek()).Add(item);
                        break;
                    case (byte)'e': // APPENDS
                        var appended = PopMark();
                        AsList(Peek()).AddRange(appended);
                        break;
                    case (byte)'}': // EMPTY_DICT
                        Push(new PyDict());
                        break;
                    case (byte)'d': // DICT
                        var dict = new PyDict();
                        SetItems(dict, PopMark());
                        Push(dict);
                        break;
                    case (byte)'s': // SETITEM
                        object value = Pop();
                        object key = Pop();
                        SetItems(AsDict(Peek()), new List<object> { key, value });
                        break;
                    case (byte)'u': // SETITEMS
                        var pairs = PopMark();
                        SetItems(AsDict(Peek()), pairs);
                        break;
                    case (byte)'h': // BINGET
                        Push(Get(ReadByte()));
                        break;
                    case (byte)'j': // LONG_BINGET
                        Push(Get(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))));
                        break;
                    case (byte)'q': // BINPUT
                        _memo[ReadByte()] = Peek();
                        break;
                    case (byte)'r': // LONG_BINPUT
                        _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek();
                        break;
                    case 0x94: // MEMOIZE
                        _memo[_memo.Count] = Peek();
                        break;
                    case (byte)'c': // GLOBAL "module\nname\n"
                        string module = Line();
                        Push(Global(module, Line()));
                        break;
                    case 0x93: // STACK_GLOBAL
                        object globalName = Pop();
                        object globalModule = Pop();
                        if (globalModule is not string m || globalName is not string g)
                        {
                            throw Error("STACK_GLOBAL needs a module and a name as strings");
                        }

                        Push(Global(m, g));
                        break;
                    case (byte)'Q': // BINPERSID
                        object pid = Pop();
                        Push(_persistentLoad(pid as PyTuple ?? throw Error("a persistent id must be a tuple, found " + Describe(pid)), Error));
                        break;
                    case (byte)'R': // REDUCE
                        object args = Pop();
                        object callable = Pop();
                        Push(Call(callable, args));
                        break;
                    case 0x81: // NEWOBJ: cls.__new__(cls, *args), only OrderedDict is a class we know
                        object newArgs = Pop();
                        object cls = Pop();
                        if (cls is PyGlobal { Kind: TorchGlobal.OrderedDict } && newArgs is PyTuple { Items.Length: 0 })
                        {
                            Push(new PyDict());
                            break;
                        }

                        throw Error("cannot create an instance of " + Describe(cls) + " (only state dicts of tensors are read)");
                    case (byte)'b': // BUILD: sets attributes; a state dict's only ones are its _metadata
                        object state = Pop();
                        if (Peek() is PyDict && state is PyDict or PyTuple or PyNone)
                        {
                            break;
                        }

                        throw Error("cannot set the state of " + Describe(Peek()) + " (only state dicts of tensors are read)");
                    default:
                        throw Error("opcode 0x" + op.ToString("x2", CultureInfo.InvariantCulture) + Name(op) +
                                    " is not one a state dict uses; this reader does not execute pickled objects. Save model.state_dict() instead");
                }
            }
        }

        /// <summary>A short description of a pickled value for error messages.</summary>
        public static string Describe(object value) => value switch
        {
            string s => "'" + (s.Length > 60 ? s.Substring(0, 60) + "..." : s) + "'",
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "True" : "False",
            PyNone => "None",
            PyTuple t => "a tuple of " + t.Items.Length,
            PyDict => "a dict",
            List<object> => "a list",
            PyGlobal g => g.ToString(),
            StorageRef => "a storage",
            TorchTensor t => "a tensor " + t.ShapeText,
            byte[] b => b.Length + " bytes",
            _ => value.GetType().Name,
        };

        private object Global(string module, string name)
        {
            return TorchGlobals.Resolve(module, name) ?? throw Error(
                "refused the Python global '" + module + "." + name + "': a torch file is a program, and this reader accepts only the globals " +
                "a state dict uses (OrderedDict, tensors, storages) and never imports or runs anything else. If this is your model, " +
                "load it in Python and save its parameters: torch.save(model.state_dict(), PATH)");
        }

        private object Call(object callable, object args)
        {
            if (callable is not PyGlobal global)
            {
                throw Error("cannot call " + Describe(callable));
            }

            if (args is not PyTuple tuple)
            {
                throw Error("the arguments of " + global + " must be a tuple, found " + Describe(args));
            }

            return _call(global, tuple, Error);
        }

        private void SetItems(PyDict dict, List<object> flat)
        {
            if (flat.Count % 2 != 0)
            {
                throw Error("a dict needs key/value pairs, found an odd number of values");
            }

            for (int i = 0; i < flat.Count; i += 2)
            {
                if (flat[i] is not (string or long))
                {
                    throw Error("dict keys must be strings or integers, found " + Describe(flat[i]));
                }

                dict.Set(flat[i], flat[i + 1]);
            }
        }

        private PyDict AsDict(object value) => value as PyDict ?? throw Error("SETITEM needs a dict, found " + Describe(value));

        private List<object> AsList(object value) => value as List<object> ?? throw Error("APPEND needs a list, found " + Describe(value));

        private object Get(long index) => _memo.TryGetValue(index, out var v) ? v : throw Error("memo entry " + index + " was never stored");

        private int StackFloor() => _marks.Count > 0 ? _marks.Peek() : 0;

        private void Push(object value) => _stack.Add(value);

        private object Peek() => _stack.Count > StackFloor() ? _stack[_stack.Count - 1] : throw Error("the stack is empty");

        private object Pop()
        {
            object value = Peek();
            _stack.RemoveAt(_stack.Count - 1);
            return value;
        }

        private List<object> PopMark()
        {
            if (_marks.Count == 0)
            {
                throw Error("no MARK to pop to");
            }

            int at = _marks.Pop();
            var items = _stack.GetRange(at, _stack.Count - at);
            _stack.RemoveRange(at, _stack.Count - at);
            return items;
        }

        private byte ReadByte() => Take(1)[0];

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _code.Length - _pos)
            {
                throw Error("the pickle ends early (needs " + count + " more byte(s), " + (_code.Length - _pos) + " left); the file is truncated or corrupt");
            }

            var span = new ReadOnlySpan<byte>(_code, _pos, count);
            _pos += count;
            return span;
        }

        /// <summary>A claimed length, checked against the bytes left before anything is allocated.</summary>
        private int Length(ulong claimed)
        {
            if (claimed > (ulong)(_code.Length - _pos))
            {
                throw Error("a value claims " + claimed + " bytes but only " + (_code.Length - _pos) + " are left; the file is truncated or corrupt");
            }

            return (int)claimed;
        }

        private int Length(int claimed) => claimed < 0 ? throw Error("a negative length " + claimed) : Length((ulong)claimed);

        private string Utf8(int count)
        {
            try
            {
                return new UTF8Encoding(false, true).GetString(Take(count));
            }
            catch (DecoderFallbackException)
            {
                throw Error("a string is not valid UTF-8");
            }
        }

        private string Line()
        {
            int end = Array.IndexOf(_code, (byte)'\n', _pos);
            if (end < 0 || end - _pos > 256)
            {
                throw Error("a GLOBAL name is not terminated by a newline within 256 bytes");
            }

            string text = Encoding.ASCII.GetString(_code, _pos, end - _pos);
            _pos = end + 1;
            return text;
        }

        /// <summary>A two's-complement little-endian integer; state dicts only need what fits in 64 bits.</summary>
        private long Long(int count)
        {
            if (count > 8)
            {
                throw Error("an integer of " + count + " bytes is too large (at most 8 are read)");
            }

            ReadOnlySpan<byte> bytes = Take(count);
            long value = 0;
            for (int i = count - 1; i >= 0; i--)
            {
                value = (value << 8) | bytes[i];
            }

            if (count > 0 && count < 8 && (bytes[count - 1] & 0x80) != 0)
            {
                value -= 1L << (8 * count);
            }

            return value;
        }

        private static string Name(byte op) => op switch
        {
            (byte)'i' => " (INST)",
            (byte)'o' => " (OBJ)",
            0x92 => " (NEWOBJ_EX)",
            0x82 or 0x83 or 0x84 => " (EXT)",
            0x8f => " (EMPTY_SET)",
            0x90 => " (ADDITEMS)",
            0x91 => " (FROZENSET)",
            0x97 => " (NEXT_BUFFER)",
            0x98 => " (READONLY_BUFFER)",
            (byte)'P' => " (PERSID)",
            _ when op >= 0x20 && op < 0x7f => " ('" + (char)op + "')",
            _ => string.Empty,
        };

        private TorchFormatException Error(string detail) =>
            new TorchFormatException(_fileName, _entry + " byte " + _opStart + ": " + detail);
    }
}
