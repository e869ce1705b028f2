// Message keys. Code refers to `M.group.name`, and the catalogues and the
// `data-i18n` attributes in index.html use the dotted string "group.name".
// A typo in `M.group.nmae` yields undefined, which the catalogue tests catch.

const LEAF = null;

// Replace every leaf of `tree` with its dotted path and freeze each level.
function defineKeys(tree, prefix = "") {
  const keys = {};

  for (const [name, value] of Object.entries(tree)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    keys[name] = value === LEAF ? path : defineKeys(value, path);
  }

  return Object.freeze(keys);
}

export const M = defineKeys({
  app: {
    defaultShopName: LEAF,
    demoBanner: LEAF,
    settings: LEAF,
  },

  signIn: {
    title: LEAF,
    intro: LEAF,
    phoneLabel: LEAF,
    getCall: LEAF,
    calling: LEAF,
    callingTo: LEAF,
    codeLabel: LEAF,
    codeHint: LEAF,
    signIn: LEAF,
    signingIn: LEAF,
    resend: LEAF,
    // Plural message: an object of Intl.PluralRules categories.
    resendIn: LEAF,
    changeNumber: LEAF,
    demo: LEAF,
    demoStarting: LEAF,
    demoHint: LEAF,
    leaveDemo: LEAF,
    keychainNotice: LEAF,
    callbackStart: LEAF,
    callbackStarting: LEAF,
    callbackIntro: LEAF,
    callbackHint: LEAF,
    callbackCountdown: LEAF,
    callbackOffline: LEAF,
    callbackServerSilent: LEAF,
    callbackRestart: LEAF,
    callbackCancel: LEAF,
    callbackBack: LEAF,
  },

  card: {
    noName: LEAF,
    notSpecified: LEAF,
    phone: LEAF,
    phone2: LEAF,
    email: LEAF,
    address: LEAF,
    birthday: LEAF,
    manager: LEAF,
    since: LEAF,
    edit: LEAF,
    signOut: LEAF,
    deleteAccount: LEAF,
    cachedNotice: LEAF,
  },

  edit: {
    title: LEAF,
    firstName: LEAF,
    lastName: LEAF,
    email: LEAF,
    address: LEAF,
    phone: LEAF,
    phoneNote: LEAF,
    save: LEAF,
    saving: LEAF,
    cancel: LEAF,
    saved: LEAF,
    emailInvalid: LEAF,
    draftRestored: LEAF,
    draftDiscard: LEAF,
  },

  photo: {
    upload: LEAF,
    opening: LEAF,
    remove: LEAF,
    savedAtOnce: LEAF,
    cropTitle: LEAF,
    cropHint: LEAF,
    cropArea: LEAF,
    cropKeys: LEAF,
    zoom: LEAF,
    save: LEAF,
    saving: LEAF,
    cancel: LEAF,
    saved: LEAF,
    removeTitle: LEAF,
    removeBody: LEAF,
    removeConfirm: LEAF,
    removing: LEAF,
    removeCancel: LEAF,
    removed: LEAF,
    dropHint: LEAF,
    dropOffline: LEAF,
  },

  offline: {
    today: LEAF,
    yesterday: LEAF,
    onDate: LEAF,
    noConnection: LEAF,
    noConnectionUndated: LEAF,
    noConnectionDetail: LEAF,
    serverDown: LEAF,
    serverDownUndated: LEAF,
    serverDetail: LEAF,
    restored: LEAF,
  },

  discardDialog: {
    title: LEAF,
    body: LEAF,
    confirm: LEAF,
    keep: LEAF,
  },

  closeDialog: {
    title: LEAF,
    bodyDraftKept: LEAF,
    bodyChangesLost: LEAF,
    confirm: LEAF,
    cancel: LEAF,
  },

  signOutDialog: {
    title: LEAF,
    body: LEAF,
    thisDevice: LEAF,
    allDevices: LEAF,
    signingOut: LEAF,
    cancel: LEAF,
    serverSilent: LEAF,
    serverSilentAllDevices: LEAF,
  },

  reauthDialog: {
    title: LEAF,
    body: LEAF,
    demoHint: LEAF,
    signIn: LEAF,
    cancel: LEAF,
  },

  deleteDialog: {
    title: LEAF,
    body: LEAF,
    confirmPrompt: LEAF,
    confirmWord: LEAF,
    confirm: LEAF,
    deleting: LEAF,
    cancel: LEAF,
    done: LEAF,
    exportIntro: LEAF,
    export: LEAF,
    exporting: LEAF,
    exported: LEAF,
  },

  about: {
    open: LEAF,
    appName: LEAF,
    version: LEAF,
    license: LEAF,
    privacy: LEAF,
    reportHint: LEAF,
    reportShow: LEAF,
    reportLabel: LEAF,
    copy: LEAF,
    copying: LEAF,
    copied: LEAF,
    copyManual: LEAF,
    reportFailed: LEAF,
    close: LEAF,
  },

  addressSuggest: {
    listLabel: LEAF,
    // Plural message: an object of Intl.PluralRules categories.
    count: LEAF,
  },

  settings: {
    title: LEAF,
    language: LEAF,
    languageSystem: LEAF,
    languageRu: LEAF,
    languageEn: LEAF,
    theme: LEAF,
    themeSystem: LEAF,
    themeLight: LEAF,
    themeDark: LEAF,
    shopSection: LEAF,
    shopSectionNote: LEAF,
    baseUrl: LEAF,
    baseUrlHint: LEAF,
    appToken: LEAF,
    appTokenHint: LEAF,
    appTokenUnset: LEAF,
    appTokenSet: LEAF,
    clearToken: LEAF,
    save: LEAF,
    saving: LEAF,
    back: LEAF,
    saved: LEAF,
    version: LEAF,
  },

  errors: {
    generic: LEAF,
    offline: LEAF,
    saveOffline: LEAF,
    deleteOffline: LEAF,
    timeout: LEAF,
    sessionExpired: LEAF,
    saveSessionExpired: LEAF,
    appRejected: LEAF,
    forbidden: LEAF,
    signInForbidden: LEAF,
    notFound: LEAF,
    phoneNotFound: LEAF,
    accountGone: LEAF,
    validation: LEAF,
    phoneRejected: LEAF,
    wrongCode: LEAF,
    saveRejected: LEAF,
    rateLimited: LEAF,
    // Plural messages: objects of Intl.PluralRules categories.
    rateLimitedSeconds: LEAF,
    rateLimitedMinutes: LEAF,
    server: LEAF,
    unexpectedResponse: LEAF,
    invalidPhone: LEAF,
    invalidCode: LEAF,
    notConfigured: LEAF,
    notSignedIn: LEAF,
    baseUrlNotHttps: LEAF,
    baseUrlNotHttpsNamed: LEAF,
    baseUrlMalformed: LEAF,
    baseUrlMalformedNamed: LEAF,
    demoFailed: LEAF,
    settingsIo: LEAF,
    settingsSaveFailed: LEAF,
    keychain: LEAF,
    keychainSaveFailed: LEAF,
    conflict: LEAF,
    callbackInProgress: LEAF,
    callbackExpired: LEAF,
    callbackLost: LEAF,
    callbackUnavailable: LEAF,
    draftTooLarge: LEAF,
    exportFailed: LEAF,
    photoTooLarge: LEAF,
    photoTooLargeUnlimited: LEAF,
    // Plural messages: objects of Intl.PluralRules categories.
    photoTooManyPixels: LEAF,
    photoSideTooLong: LEAF,
    photoTooBig: LEAF,
    photoUnsupportedNamed: LEAF,
    photoUnsupported: LEAF,
    photoUnsupportedUnlisted: LEAF,
    photoCorrupt: LEAF,
    photoFailed: LEAF,
    fileUnreadable: LEAF,
    photoSaveOffline: LEAF,
    photoRemoveOffline: LEAF,
    photoSessionExpired: LEAF,
    photoRejectedByShop: LEAF,
  },
});

// List every dotted key in `M`, for the catalogue tests.
export function allKeys(keys = M) {
  return Object.values(keys).flatMap((value) =>
    typeof value === "string" ? [value] : allKeys(value),
  );
}
