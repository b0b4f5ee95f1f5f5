//! Many commune dossiers → one table, a bundle file, review states.
