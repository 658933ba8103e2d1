package io.datanet.provenance.model;

/** The order in which a tensor's values are laid out, as written in a parameter header. */
public enum MemoryOrder {
    /** Row-major: the last index varies fastest (C, NumPy's default, PyTorch). */
    C("c"),
    /** Column-major: the first index varies fastest (Fortran; DL4J's weight matrices). */
    F("f");

    private final String label;

    MemoryOrder(String label) {
        this.label = label;
    }

    /** The name written in parameter headers: {@code c} or {@code f}. */
    public String label() {
        return label;
    }
}
