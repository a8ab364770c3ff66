//! C-ABI wrapper for benchmarks: `alloc`, `add_file`, `build`, `convert`, `out_ptr`.
//! Single-threaded use from JavaScript (see ../run.mjs).

use std::sync::Mutex;

use script_convert::Converter;

struct State {
    files: Vec<Vec<u8>>,
    conv: Option<Converter>,
    input: String,
    out: String,
}

static STATE: Mutex<State> = Mutex::new(State {
    files: Vec::new(),
    conv: None,
    input: String::new(),
    out: String::new(),
});

/// Allocates `len` bytes for the caller to fill (leaked until `release`).
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len.max(1));
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Frees a buffer from `alloc`.
///
/// # Safety
/// `ptr`/`cap` must come from `alloc`.
#[no_mangle]
pub unsafe extern "C" fn release(ptr: *mut u8, cap: usize) {
    drop(Vec::from_raw_parts(ptr, 0, cap.max(1)));
}

/// Hands a dictionary file (written into an `alloc` buffer) to the next `build`.
///
/// # Safety
/// `ptr` must point to `len` initialized bytes from `alloc(len)`.
#[no_mangle]
pub unsafe extern "C" fn add_file(ptr: *mut u8, len: usize) {
    let v = Vec::from_raw_parts(ptr, len, len.max(1));
    STATE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .push(v);
}

/// Builds the converter for the config name at `ptr`; returns 0 on success.
///
/// # Safety
/// `ptr` must point to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn build(ptr: *const u8, len: usize) -> i32 {
    let name = std::str::from_utf8(std::slice::from_raw_parts(ptr, len)).unwrap_or("");
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let files: Vec<(&str, &[u8])> = st.files.iter().map(|f| ("file", f.as_slice())).collect();
    let conv = Converter::from_files(name, &files);
    st.files.clear();
    match conv {
        Ok(c) => {
            st.conv = Some(c);
            0
        }
        Err(_) => 1,
    }
}

/// Stores (and validates) the UTF-8 input for `convert_input`; returns 0 if valid.
///
/// # Safety
/// `ptr` must point to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn set_input(ptr: *const u8, len: usize) -> i32 {
    let bytes = std::slice::from_raw_parts(ptr, len);
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            st.input = s.to_string();
            0
        }
        Err(_) => 1,
    }
}

/// Converts the stored input (engine time only); returns the output length.
#[no_mangle]
pub extern "C" fn convert_input() -> usize {
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let st = &mut *st;
    st.out.clear();
    if let Some(c) = &st.conv {
        c.convert_into(&st.input, &mut st.out);
    }
    st.out.len()
}

/// Converts UTF-8 text at `ptr`; returns the output length (read it at `out_ptr`).
///
/// # Safety
/// `ptr` must point to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn convert(ptr: *const u8, len: usize) -> usize {
    let text = std::str::from_utf8(std::slice::from_raw_parts(ptr, len)).unwrap_or("");
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let st = &mut *st;
    st.out.clear();
    if let Some(c) = &st.conv {
        c.convert_into(text, &mut st.out);
    }
    st.out.len()
}

#[no_mangle]
pub extern "C" fn out_ptr() -> *const u8 {
    STATE.lock().unwrap_or_else(|e| e.into_inner()).out.as_ptr()
}
