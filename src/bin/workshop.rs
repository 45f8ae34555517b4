//! The page's Web Worker: answers the protocol's requests (`jose::protocol`) off the page's
//! thread with the core's `workshop::answer`, runs the known-secret search over the list it
//! fetches from the page's own origin, and the user's wordlist search over the text or file
//! the page sends (a file read here in chunks). Trunk builds it as a separate bundle that the
//! page loads only when first needed.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::rc::Rc;

    use jwt_debugger::jose::known_secrets::{self, Target};
    use jwt_debugger::jose::protocol::{
        Reply, Request, SearchReport, WordlistReport, WordlistRequest, WordlistSource,
    };
    use jwt_debugger::jose::{wordlist, workshop};
    use wasm_bindgen::prelude::{Closure, JsValue};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent, Response};

    /// The list, next to the loader in dist/.
    const LIST_URL: &str = "jwt.secrets.list";

    thread_local! {
        static LIST: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
        /// Requests not yet answered, in the order they came: the page pairs replies with
        /// requests by order, and some answers (a browser-made key) are asynchronous.
        static QUEUE: RefCell<VecDeque<Result<Request, String>>> = const { RefCell::new(VecDeque::new()) };
        static DRAINING: Cell<bool> = const { Cell::new(false) };
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // A request, or the pair [request, attachment] (a wordlist file).
            let data = event.data();
            let (text, attachment) = match data.dyn_ref::<js_sys::Array>() {
                Some(pair) => (
                    pair.get(0).as_string().unwrap_or_default(),
                    Some(pair.get(1)),
                ),
                None => (data.as_string().unwrap_or_default(), None),
            };
            match Request::decode(&text) {
                // Only the search's own worker is asked this, and only one at a time.
                Ok(Request::FindKnownSecret(target)) => {
                    wasm_bindgen_futures::spawn_local(search(replies.clone(), target));
                }
                // Likewise the wordlist search's own worker.
                Ok(Request::SearchWordlist(request)) => {
                    let scope = replies.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        search_wordlist(&scope, &request, attachment)
                    });
                }
                request => {
                    QUEUE.with(|queue| {
                        queue
                            .borrow_mut()
                            .push_back(request.map_err(|err| err.to_string()))
                    });
                    if !DRAINING.with(|draining| draining.replace(true)) {
                        wasm_bindgen_futures::spawn_local(drain(replies.clone()));
                    }
                }
            }
        });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        onmessage.forget();
        // Messages sent before this point would be lost: the page waits for this one first.
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }

    /// Answers the queued requests one after another, until none is left.
    async fn drain(scope: DedicatedWorkerGlobalScope) {
        while let Some(request) = QUEUE.with(|queue| queue.borrow_mut().pop_front()) {
            let reply = match request {
                Ok(Request::Generate { kind }) => crate::webcrypto::generate(&scope, kind).await,
                Ok(request) => {
                    let pbes2 = crate::webcrypto::pbkdf2_first(&scope, &request).await;
                    workshop::answer_with(request, &pbes2)
                }
                Err(error) => Reply::Failed { error },
            };
            post(&scope, &reply);
        }
        DRAINING.with(|draining| draining.set(false));
    }

    fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
        let _ = scope.post_message(&JsValue::from_str(&reply.encode()));
    }

    /// Searches the whole list; the page stops this worker to cancel a search.
    async fn search(scope: DedicatedWorkerGlobalScope, target: Target) {
        let list = match list(&scope).await {
            Ok(list) => list,
            Err(reason) => {
                return post(
                    &scope,
                    &Reply::SecretSearch(SearchReport::Unavailable { reason }),
                )
            }
        };
        known_secrets::search(&list, &target, js_sys::Date::now, |report| {
            post(&scope, &Reply::SecretSearch(report))
        });
    }

    /// Searches the user's wordlist: pasted text as it came, a file in chunks read here, so
    /// no more than a chunk of it is in memory at once. The page stops this worker to cancel.
    fn search_wordlist(
        scope: &DedicatedWorkerGlobalScope,
        request: &WordlistRequest,
        attachment: Option<JsValue>,
    ) {
        let report = |report| post(scope, &Reply::WordlistSearch(report));
        // The worker's clock, to a fraction of a millisecond: a short list takes less than one.
        let performance = scope.performance();
        let now = || {
            performance
                .as_ref()
                .map_or_else(js_sys::Date::now, |p| p.now())
        };
        match &request.list {
            WordlistSource::Pasted(text) => {
                wordlist::search_bytes(text.expose().as_bytes(), &request.target, now, report)
            }
            WordlistSource::File { .. } => {
                let file = attachment.and_then(|file| file.dyn_into::<Blob>().ok());
                let reader = FileReaderSync::new();
                let (Some(file), Ok(reader)) = (file, reader) else {
                    return report(WordlistReport::Unavailable {
                        reason: "the file did not reach the worker".to_owned(),
                    });
                };
                // The file's own size, which the reads below are bounded by.
                let total = file.size() as u64;
                let read = |offset: u64, len: usize| {
                    let end = offset.saturating_add(len as u64).min(total);
                    let slice = file
                        .slice_with_f64_and_f64(offset as f64, end as f64)
                        .map_err(|err| reason(&err))?;
                    let buffer = reader
                        .read_as_array_buffer(&slice)
                        .map_err(|err| reason(&err))?;
                    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
                };
                wordlist::search(total, read, &request.target, now, report);
            }
        }
    }

    /// A browser error's message ("NotReadableError: …" when the file changed since it was
    /// picked).
    fn reason(err: &JsValue) -> String {
        let text = |name: &str| {
            js_sys::Reflect::get(err, &name.into())
                .ok()
                .and_then(|value| value.as_string())
        };
        match (text("name"), text("message")) {
            (Some(name), Some(message)) => format!("{name}: {message}"),
            (_, Some(message)) => message,
            _ => "the file could not be read".to_owned(),
        }
    }

    async fn list(scope: &DedicatedWorkerGlobalScope) -> Result<Rc<str>, String> {
        if let Some(list) = LIST.with(|list| list.borrow().clone()) {
            return Ok(list);
        }
        let describe = |err: JsValue| {
            err.as_string()
                .unwrap_or_else(|| "the request failed".to_owned())
        };
        let response: Response = JsFuture::from(scope.fetch_with_str(LIST_URL))
            .await
            .and_then(|response| response.dyn_into())
            .map_err(describe)?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let text = JsFuture::from(response.text().map_err(describe)?)
            .await
            .map_err(describe)?;
        let list: Rc<str> = Rc::from(text.as_string().unwrap_or_default());
        LIST.with(|cell| *cell.borrow_mut() = Some(Rc::clone(&list)));
        Ok(list)
    }
}

/// What the browser's WebCrypto does faster than the core's RustCrypto in WebAssembly: making
/// keys (RSA's prime search several times faster; see `KeyKind::browser_keygen`) and PBES2's
/// PBKDF2 runs. Any kind of key WebCrypto does not
/// make, and any browser that refuses, gets the core's own result: the same forms
/// (`workshop::generated_elsewhere`), the same derived key (`Pbes2` derives what it was not given).
#[cfg(target_arch = "wasm32")]
mod webcrypto {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use jwt_debugger::jose::jwe::pbkdf2::{Job, Pbes2};
    use jwt_debugger::jose::keygen::{BrowserKeygen, KeyKind};
    use jwt_debugger::jose::protocol::{Reply, Request};
    use jwt_debugger::jose::workshop;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{CryptoKey, DedicatedWorkerGlobalScope};

    /// The PBKDF2 runs `request` needs, done by WebCrypto, for `workshop::answer_with`.
    pub async fn pbkdf2_first(scope: &DedicatedWorkerGlobalScope, request: &Request) -> Pbes2 {
        let Ok((mut pbes2, jobs)) = workshop::pbkdf2_runs(request) else {
            return Pbes2::default();
        };
        for job in jobs {
            if let Ok(key) = pbkdf2(scope, &job).await {
                pbes2 = pbes2.with_derived(job, key);
            }
        }
        pbes2
    }

    async fn pbkdf2(scope: &DedicatedWorkerGlobalScope, job: &Job) -> Result<Vec<u8>, JsValue> {
        let subtle = scope.crypto()?.subtle();
        let usages = Array::of1(&"deriveBits".into());
        let password = Uint8Array::from(job.password.as_slice());
        let base =
            JsFuture::from(subtle.import_key_with_str("raw", &password, "PBKDF2", false, &usages)?)
                .await?;
        let derivation = &job.derivation;
        let params = Object::new();
        Reflect::set(&params, &"name".into(), &"PBKDF2".into())?;
        Reflect::set(
            &params,
            &"hash".into(),
            &derivation.prf.webcrypto_hash().into(),
        )?;
        Reflect::set(
            &params,
            &"salt".into(),
            &Uint8Array::from(derivation.salt.as_slice()),
        )?;
        Reflect::set(&params, &"iterations".into(), &derivation.rounds.into())?;
        let bits = u32::try_from(derivation.len * 8).map_err(|_| JsValue::NULL)?;
        let derived =
            JsFuture::from(subtle.derive_bits_with_object(&params, &base.into(), bits)?).await?;
        Ok(Uint8Array::new(&derived).to_vec())
    }

    pub async fn generate(scope: &DedicatedWorkerGlobalScope, kind: KeyKind) -> Reply {
        if let Some(keygen) = kind.browser_keygen() {
            if let Ok(der) = pkcs8_of_new_key(scope, keygen).await {
                let reply = workshop::generated_elsewhere(kind, &der);
                if !matches!(reply, Reply::Failed { .. }) {
                    return reply;
                }
            }
        }
        workshop::answer(Request::Generate { kind })
    }

    /// A new key pair from `generateKey`, its private key exported as PKCS#8 DER.
    async fn pkcs8_of_new_key(
        scope: &DedicatedWorkerGlobalScope,
        keygen: BrowserKeygen,
    ) -> Result<Vec<u8>, JsValue> {
        let subtle = scope.crypto()?.subtle();
        let algorithm = Object::new();
        let set = |name: &str, value: &JsValue| Reflect::set(&algorithm, &name.into(), value);
        match keygen {
            BrowserKeygen::Rsa { modulus_bits } => {
                set("name", &"RSASSA-PKCS1-v1_5".into())?;
                set("modulusLength", &JsValue::from(modulus_bits as u32))?;
                set("publicExponent", &Uint8Array::from(&[1u8, 0, 1][..]))?;
                set("hash", &"SHA-256".into())?;
            }
            BrowserKeygen::Ecdsa { named_curve } => {
                set("name", &"ECDSA".into())?;
                set("namedCurve", &named_curve.into())?;
            }
            BrowserKeygen::Ed25519 => {
                set("name", &"Ed25519".into())?;
            }
        }
        let usages = Array::of2(&"sign".into(), &"verify".into());
        let pair =
            JsFuture::from(subtle.generate_key_with_object(&algorithm, true, &usages)?).await?;
        let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())?.into();
        let exported = JsFuture::from(subtle.export_key("pkcs8", &private)?).await?;
        Ok(Uint8Array::new(&exported).to_vec())
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The workshop runs as a Web Worker in the browser.");
}
