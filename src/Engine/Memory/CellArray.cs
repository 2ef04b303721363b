namespace ModelCheck.Engine;

/// <summary>
/// A fixed-length array of controlled cells, named "name[i]" in traces. A cell is made when it is first
/// used, with the id the array reserved for it when it was made (ids stay those of making every cell at
/// once): a map's bucket and bin arrays are built anew in every execution, and most of their cells are
/// never touched.
/// </summary>
public sealed class CellArray<T>
{
    readonly Runtime runtime;
    readonly Cell<T>?[] cells;
    readonly T initial;
    readonly int firstId;
    string? elementName;

    internal CellArray(Runtime runtime, string name, int length, T initial)
    {
        this.runtime = runtime;
        Name = name;
        cells = new Cell<T>?[length];
        this.initial = initial;
        firstId = runtime.ReserveObjectIds(length);
    }

    public string Name { get; }
    public int Length => cells.Length;
    public Cell<T> this[int index] => cells[index] ?? MakeCell(index);

    /// <summary>
    /// Element <paramref name="index"/>'s value for ghost code, as <see cref="Cell{T}.Peek"/> gives it. An element
    /// never made was never accessed, so it still holds the initial value: it is read without making it.
    /// </summary>
    public T Peek(int index) => cells[index] is { } cell ? cell.Peek() : initial;

    /// <summary>The object id of element <paramref name="index"/>, made or not (ghost code that follows accesses by id).</summary>
    public int IdOf(int index) => (uint)index < (uint)cells.Length ? firstId + index : throw new IndexOutOfRangeException();

    Cell<T> MakeCell(int index) => cells[index] = new Cell<T>(runtime, this, index, initial, firstId + index);

    /// <summary>"name[i]": what the elements are called where one site accesses any of them.</summary>
    internal string ElementName => elementName ??= Name + "[i]";
}
