declare module 'react';
